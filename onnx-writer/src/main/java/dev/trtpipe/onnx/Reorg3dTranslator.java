package dev.trtpipe.onnx;

import dev.trtpipe.darknet.Reorg3dLayer;

/** {@code [reorg3d]} is exactly {@code SpaceToDepth(blocksize=stride)} (darknet.md §6.9). */
final class Reorg3dTranslator implements LayerTranslator<Reorg3dLayer> {

    @Override
    public void translate(Reorg3dLayer l, TranslationContext ctx) {
        ctx.graph().node("SpaceToDepth", ctx.nodeName(l, "space_to_depth")).inputs(ctx.inputOf(l)).output(l.tensorName())
                .attr("blocksize", l.stride()).doc(ctx.doc(l)).add();
        ctx.produce(l, l.tensorName());
    }
}
