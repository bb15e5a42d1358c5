package dev.trtpipe.onnx;

import dev.trtpipe.darknet.ReorgLayer;
import dev.trtpipe.darknet.Shape;

/**
 * Darknet's old reorg, which is not SpaceToDepth: {@code Reshape(N, C/s², H, s, W, s) →
 * Transpose(0,3,5,1,2,4) → Reshape(N, C·s², H/s, W/s)} (darknet.md §6.9). The batch is copied (0).
 */
final class ReorgTranslator implements LayerTranslator<ReorgLayer> {

    @Override
    public void translate(ReorgLayer l, TranslationContext ctx) {
        OnnxGraph g = ctx.graph();
        Shape in = l.input();
        Shape out = l.output();
        long s = l.stride();
        String name = l.tensorName();
        String split = g.node("Reshape", ctx.nodeName(l, "split"))
                .inputs(ctx.inputOf(l), g.int64Constant(0, in.channels() / (s * s), in.height(), s, in.width(), s))
                .output(name + "/split").doc(ctx.doc(l)).add();
        String moved = g.node("Transpose", ctx.nodeName(l, "transpose")).inputs(split).output(name + "/transposed")
                .ints("perm", 0, 3, 5, 1, 2, 4).doc(ctx.doc(l)).add();
        g.node("Reshape", ctx.nodeName(l, "merge"))
                .inputs(moved, g.int64Constant(0, out.channels(), out.height(), out.width()))
                .output(name).doc(ctx.doc(l)).add();
        ctx.produce(l, name);
    }
}
