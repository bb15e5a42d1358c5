package dev.trtpipe.onnx;

import dev.trtpipe.darknet.RouteLayer;
import java.util.ArrayList;
import java.util.List;

/**
 * One input: no node (a jump). Several: {@code Concat(axis=1)}. With {@code groups}, each input is first
 * cut to its {@code group_id}-th channel chunk with {@code Slice} (darknet.md §6.6).
 */
final class RouteTranslator implements LayerTranslator<RouteLayer> {

    @Override
    public void translate(RouteLayer l, TranslationContext ctx) {
        OnnxGraph g = ctx.graph();
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < l.sources().size(); i++) {
            int source = l.sources().get(i);
            String tensor = ctx.tensorOf(source);
            if (l.groups() > 1) {
                long chunk = ctx.model().layer(source).output().channels() / l.groups();
                tensor = g.node("Slice", ctx.nodeName(l, "slice_" + i))
                        .inputs(tensor, g.int64Constant(chunk * l.groupId()), g.int64Constant(chunk * (l.groupId() + 1)),
                                g.int64Constant(1))
                        .output(l.tensorName() + "/slice_" + i).doc(ctx.doc(l)).add();
            }
            parts.add(tensor);
        }
        if (parts.size() == 1) {
            ctx.alias(l, parts.get(0));
            return;
        }
        g.node("Concat", ctx.nodeName(l, "concat")).inputs(parts.toArray(String[]::new)).output(l.tensorName())
                .attr("axis", 1).doc(ctx.doc(l)).add();
        ctx.produce(l, l.tensorName());
    }
}
