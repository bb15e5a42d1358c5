package dev.trtpipe.onnx;

import dev.trtpipe.darknet.ScaleChannelsLayer;

/**
 * {@code [scale_channels]}: broadcasting {@code Mul} of layer {@code from} by the previous layer's C×1×1
 * scales, or by its first channel (1×H×W, {@code scale_wh=1}).
 */
final class ScaleChannelsTranslator implements LayerTranslator<ScaleChannelsLayer> {

    @Override
    public void translate(ScaleChannelsLayer l, TranslationContext ctx) {
        OnnxGraph g = ctx.graph();
        String scales = ctx.inputOf(l);
        if (l.scaleWh() && l.input().channels() > 1) {
            scales = g.node("Slice", ctx.nodeName(l, "first_channel"))
                    .inputs(scales, g.int64Constant(0), g.int64Constant(1), g.int64Constant(1))
                    .output(l.tensorName() + "/first_channel").doc(ctx.doc(l)).add();
        }
        String preActivation = ctx.preActivationName(l, l.activation());
        g.node("Mul", ctx.nodeName(l, "mul")).inputs(ctx.tensorOf(l.from()), scales).output(preActivation).doc(ctx.doc(l)).add();
        ctx.finish(l, l.activation(), preActivation);
    }
}
