package dev.trtpipe.uff;

import dev.trtpipe.onnx.OnnxGraph;

/**
 * {@code Conv}: inputs {@code [x, kernel]}. The kernel's layout comes from {@code inputs_orders} (TLT:
 * {@code +CK} = spatial, C, K, i.e. TensorFlow's HWIO) and is transposed once to ONNX's
 * {@code [K, C/groups, spatial]}. Pads are taken as written ({@link Spatial}); {@code number_groups}
 * gives grouped and depthwise convolution (a TensorFlow depthwise kernel {@code [kh, kw, C, multiplier]}
 * is the same bytes as {@code [kh, kw, 1, C·multiplier]}).
 */
final class ConvTranslator implements UffTranslator {

    @Override
    public void translate(UffNode node, UffTranslation t) {
        SpatialInput input = SpatialInput.of(node, t);
        String x = input.name();
        long[] in = input.shape();
        int rank = input.rank();
        UffConstant kernel = t.requireConstant(node, 1);
        if (kernel.shape().length != rank) {
            throw node.problem("has a rank-" + kernel.shape().length + " kernel for a rank-" + rank + " input");
        }
        long groups = node.longValue("number_groups", 1);
        OnnxKernel w = OnnxKernel.of(node, kernel, DimOrders.axes(node, 1, rank, hwioAxes(rank)), in[1], groups);
        Spatial spatial = Spatial.of(node, rank - 2);
        String weights = t.onnx().addInitializer(t.scratch(node, "W"), w.shape(), w.values());
        OnnxGraph.Node conv = t.onnx().node("Conv", node.id()).inputs(x, weights).output(node.id())
                .ints("kernel_shape", java.util.Arrays.copyOfRange(w.shape(), 2, rank));
        spatial.apply(conv, true);
        if (groups != 1) {
            conv.attr("group", groups);
        }
        conv.add();
        long[] out = new long[rank];
        out[0] = in[0];
        out[1] = w.shape()[0];
        for (int i = 2; i < rank; i++) {
            long k = w.shape()[i];
            out[i] = spatial.outputSize(i - 2, in[i], k, false);
        }
        t.define(node.id(), out);
    }

    /** TensorFlow's kernel layout [spatial..., C, K] as [K, C, spatial...] positions. */
    static int[] hwioAxes(int rank) {
        int[] axes = new int[rank];
        axes[0] = rank - 1;
        axes[1] = rank - 2;
        for (int i = 2; i < rank; i++) {
            axes[i] = i - 2;
        }
        return axes;
    }

    @Override
    public String describe(UffNode node) {
        long groups = node.longValue("number_groups", 1);
        return "Conv (" + Spatial.of(node, 2).text() + (groups != 1 ? ", group " + groups : "") + ")";
    }

    /** A kernel in ONNX layout {@code [K, C/groups, spatial...]}. */
    record OnnxKernel(long[] shape, OnnxGraph.RawWriter values) {

        /** @param kcs positions of K, C and the spatial axes in the UFF kernel */
        static OnnxKernel of(UffNode node, UffConstant kernel, int[] kcs, long inChannels, long groups) {
            long[] shape = kernel.shape().clone();
            if (groups < 1) {
                throw node.problem("has number_groups " + groups);
            }
            if (groups > 1 && shape[kcs[1]] == groups && inChannels == groups && kcs[0] == kcs[1] + 1) {
                // depthwise [.., C, multiplier]: C and multiplier are adjacent, so C·multiplier output channels in that order
                shape[kcs[0]] = shape[kcs[0]] * shape[kcs[1]];
                shape[kcs[1]] = 1;
            }
            if (inChannels > 0 && shape[kcs[1]] * groups != inChannels) {
                throw node.problem("has a kernel for " + shape[kcs[1]] * groups + " input channels (shape "
                        + java.util.Arrays.toString(kernel.shape()) + ", groups " + groups + ") but its input has " + inChannels);
            }
            // same bytes, possibly re-shaped (depthwise): the permutation reads them in the adjusted shape
            UffConstant reshaped = new UffConstant(kernel.name(), kernel.dtype(), shape, kernel.raw());
            return new OnnxKernel(Weights.permuteShape(shape, kcs), Weights.permuted(reshaped, kcs));
        }
    }
}
