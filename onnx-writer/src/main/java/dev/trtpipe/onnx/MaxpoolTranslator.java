package dev.trtpipe.onnx;

import dev.trtpipe.darknet.MaxpoolLayer;

/** {@code MaxPool} with darknet's padding split explicitly: {@code [p/2, p/2, p − p/2, p − p/2]} (darknet.md §6.4). */
final class MaxpoolTranslator implements LayerTranslator<MaxpoolLayer> {

    @Override
    public void translate(MaxpoolLayer l, TranslationContext ctx) {
        long begin = l.padBegin();
        long end = l.padEnd();
        ctx.graph().node("MaxPool", ctx.nodeName(l, "maxpool")).inputs(ctx.inputOf(l)).output(l.tensorName())
                .ints("kernel_shape", l.size(), l.size())
                .ints("strides", l.strideY(), l.strideX())
                .ints("pads", begin, begin, end, end)
                .doc(ctx.doc(l)).add();
        ctx.produce(l, l.tensorName());
    }
}
