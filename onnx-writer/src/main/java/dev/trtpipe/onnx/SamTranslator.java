package dev.trtpipe.onnx;

import dev.trtpipe.darknet.SamLayer;

/** {@code [sam]}: element-wise {@code Mul} of the previous layer and {@code from}, then the activation. */
final class SamTranslator implements LayerTranslator<SamLayer> {

    @Override
    public void translate(SamLayer l, TranslationContext ctx) {
        String preActivation = ctx.preActivationName(l, l.activation());
        ctx.graph().node("Mul", ctx.nodeName(l, "mul")).inputs(ctx.inputOf(l), ctx.tensorOf(l.from()))
                .output(preActivation).doc(ctx.doc(l)).add();
        ctx.finish(l, l.activation(), preActivation);
    }
}
