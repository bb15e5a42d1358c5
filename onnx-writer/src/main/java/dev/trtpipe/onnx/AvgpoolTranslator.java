package dev.trtpipe.onnx;

import dev.trtpipe.darknet.AvgpoolLayer;

/** {@code [avgpool]} is global: {@code GlobalAveragePool}. */
final class AvgpoolTranslator implements LayerTranslator<AvgpoolLayer> {

    @Override
    public void translate(AvgpoolLayer l, TranslationContext ctx) {
        ctx.graph().node("GlobalAveragePool", ctx.nodeName(l, "avgpool")).inputs(ctx.inputOf(l)).output(l.tensorName())
                .doc(ctx.doc(l)).add();
        ctx.produce(l, l.tensorName());
    }
}
