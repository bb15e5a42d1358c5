package dev.trtpipe.onnx;

import dev.trtpipe.darknet.ConnectedLayer;
import dev.trtpipe.darknet.LayerWeights;
import dev.trtpipe.darknet.WeightKind;

/**
 * {@code [connected]}: {@code Flatten → Gemm} (W stored {@code [outputs][inputs]}, or transposed in files
 * with a version above 1000), optional {@code BatchNormalization}, back to N×C×1×1, activation.
 */
final class ConnectedTranslator implements LayerTranslator<ConnectedLayer> {

    @Override
    public void translate(ConnectedLayer l, TranslationContext ctx) {
        OnnxGraph g = ctx.graph();
        LayerWeights w = ctx.weightsOf(l);
        String name = l.tensorName();
        long inputs = l.input().elements();
        boolean transposed = ctx.transposedMatrices();
        long[] matrixDims = transposed ? new long[]{inputs, l.outputs()} : new long[]{l.outputs(), inputs};
        long[] perOutput = {l.outputs()};
        String flat = g.node("Flatten", ctx.nodeName(l, "flatten")).inputs(ctx.inputOf(l)).output(name + "/flat")
                .attr("axis", 1).doc(ctx.doc(l)).add();
        // as in forward_connected_layer: the biases are the Gemm bias, or the BN beta when BN is on
        String matrix = g.addInitializer(name + "/weights", matrixDims, w.get(WeightKind.WEIGHTS).pendingBytes());
        String biases = g.addInitializer(name + "/bias", perOutput, w.get(WeightKind.BIASES).pendingBytes());
        String y = g.node("Gemm", ctx.nodeName(l, "gemm"))
                .inputs(l.batchNormalize() ? new String[]{flat, matrix} : new String[]{flat, matrix, biases})
                .output(name + "/gemm").attr("transB", transposed ? 0 : 1).doc(ctx.doc(l)).add();
        if (l.batchNormalize()) {
            y = g.node("BatchNormalization", ctx.nodeName(l, "bn"))
                    .inputs(y, g.addInitializer(name + "/bn_scale", perOutput, w.get(WeightKind.SCALES).pendingBytes()), biases,
                            g.addInitializer(name + "/bn_mean", perOutput, w.get(WeightKind.ROLLING_MEAN).pendingBytes()),
                            g.addInitializer(name + "/bn_var", perOutput, w.get(WeightKind.ROLLING_VARIANCE).pendingBytes()))
                    .output(name + "/bn").attr("epsilon", BatchNormFolding.EPSILON).doc(ctx.doc(l)).add();
        }
        // back to N×C×1×1 first: the activation is element-wise, so the shared activation path applies
        String preActivation = ctx.preActivationName(l, l.activation());
        g.node("Reshape", ctx.nodeName(l, "to_nchw")).inputs(y, g.int64Constant(0, l.outputs(), 1, 1))
                .output(preActivation).doc(ctx.doc(l)).add();
        ctx.finish(l, l.activation(), preActivation);
    }
}
