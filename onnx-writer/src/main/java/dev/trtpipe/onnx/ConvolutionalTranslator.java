package dev.trtpipe.onnx;

import dev.trtpipe.darknet.ConvolutionalLayer;
import dev.trtpipe.darknet.LayerWeights;
import dev.trtpipe.darknet.WeightKind;

/**
 * {@code Conv} with explicit symmetric pads (× dilation), then {@code BatchNormalization(ε=1e-5)} or the
 * conv bias, then the activation. With folding, BN disappears into new weight buffers; otherwise the
 * weights are the file's bytes, uncopied.
 */
final class ConvolutionalTranslator implements LayerTranslator<ConvolutionalLayer> {

    @Override
    public void translate(ConvolutionalLayer l, TranslationContext ctx) {
        OnnxGraph g = ctx.graph();
        LayerWeights w = ctx.weightsOf(l);
        String name = l.tensorName();
        long[] kernelDims = {l.filters(), l.channelsPerGroup(), l.size(), l.size()};
        long[] perFilter = {l.filters()};
        boolean separateBn = l.batchNormalize() && !ctx.options().foldBatchNorm();
        String kernel;
        String bias = null;
        if (l.batchNormalize() && ctx.options().foldBatchNorm()) {
            BatchNormFolding folded = BatchNormFolding.fold(w);
            kernel = g.addInitializer(name + "/weights", kernelDims, folded.weights());
            bias = g.addInitializer(name + "/bias", perFilter, folded.bias());
        } else {
            kernel = g.addInitializer(name + "/weights", kernelDims, w.get(WeightKind.WEIGHTS).pendingBytes());
            if (!l.batchNormalize()) {
                bias = g.addInitializer(name + "/bias", perFilter, w.get(WeightKind.BIASES).pendingBytes());
            }
        }
        String preActivation = ctx.preActivationName(l, l.activation());
        long pad = (long) l.padding() * l.dilation();
        OnnxGraph.Node conv = g.node("Conv", ctx.nodeName(l, "conv"))
                .inputs(bias == null ? new String[]{ctx.inputOf(l), kernel} : new String[]{ctx.inputOf(l), kernel, bias})
                .output(separateBn ? name + "/conv" : preActivation)
                .ints("kernel_shape", l.size(), l.size())
                .ints("strides", l.strideY(), l.strideX())
                .ints("pads", pad, pad, pad, pad)
                .ints("dilations", l.dilation(), l.dilation())
                .attr("group", l.groups())
                .doc(ctx.doc(l));
        String convOut = conv.add();
        if (separateBn) {
            g.node("BatchNormalization", ctx.nodeName(l, "bn"))
                    .inputs(convOut,
                            g.addInitializer(name + "/bn_scale", perFilter, w.get(WeightKind.SCALES).pendingBytes()),
                            g.addInitializer(name + "/bn_bias", perFilter, w.get(WeightKind.BIASES).pendingBytes()),
                            g.addInitializer(name + "/bn_mean", perFilter, w.get(WeightKind.ROLLING_MEAN).pendingBytes()),
                            g.addInitializer(name + "/bn_var", perFilter, w.get(WeightKind.ROLLING_VARIANCE).pendingBytes()))
                    .output(preActivation)
                    .attr("epsilon", BatchNormFolding.EPSILON)
                    .doc(ctx.doc(l)).add();
        }
        ctx.finish(l, l.activation(), preActivation);
    }
}
