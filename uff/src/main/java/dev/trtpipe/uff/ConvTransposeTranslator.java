package dev.trtpipe.uff;

import dev.trtpipe.onnx.OnnxGraph;

/**
 * {@code ConvTranspose}: inputs {@code [x, kernel]} and optionally the output shape as a constant. ONNX
 * wants the kernel as {@code [C_in, C_out/groups, spatial]}; the UFF orders name the axes (TensorFlow's
 * conv2d_transpose filter is {@code [kh, kw, C_out, C_in]}), and the axis whose size equals the input's
 * channels is taken as C_in. A given output shape becomes {@code output_shape}.
 */
final class ConvTransposeTranslator implements UffTranslator {

    @Override
    public void translate(UffNode node, UffTranslation t) {
        SpatialInput input = SpatialInput.of(node, t);
        String x = input.name();
        long[] in = input.shape();
        int rank = input.rank();
        UffConstant kernel = t.requireConstant(node, 1);
        long groups = node.longValue("number_groups", 1);
        int[] kcs = DimOrders.axes(node, 1, rank, ConvTranslator.hwioAxes(rank));
        long[] ks = kernel.shape();
        // ONNX: first axis = input channels
        int[] perm = kcs.clone();
        if (ks[kcs[1]] != in[1] && ks[kcs[0]] == in[1]) {
            perm[0] = kcs[0];
            perm[1] = kcs[1];
        } else {
            perm[0] = kcs[1];
            perm[1] = kcs[0];
        }
        if (ks[perm[0]] != in[1]) {
            throw node.problem("has kernel " + java.util.Arrays.toString(ks) + " with no axis of the input's " + in[1] + " channels");
        }
        long[] w = Weights.permuteShape(ks, perm);
        String weights = t.onnx().addInitializer(t.scratch(node, "W"), w, Weights.permuted(kernel, perm));
        Spatial spatial = Spatial.of(node, rank - 2);
        OnnxGraph.Node conv = t.onnx().node("ConvTranspose", node.id()).inputs(x, weights).output(node.id())
                .ints("kernel_shape", java.util.Arrays.copyOfRange(w, 2, rank));
        long[] out = new long[rank];
        out[0] = in[0];
        out[1] = w[1] * groups;
        long[] given = node.inputs().size() > 2 ? t.requireConstant(node, 2).longs() : null;
        for (int i = 2; i < rank; i++) {
            int s = i - 2;
            out[i] = given != null ? given[given.length - rank + i] // NCHW output shape, possibly with batch
                    : (in[i] - 1) * spatial.strides()[s] + spatial.dilations()[s] * (w[i] - 1) + 1
                    - spatial.pads()[s] - spatial.pads()[s + rank - 2];
        }
        conv.ints("strides", spatial.strides()).ints("dilations", spatial.dilations());
        if (given != null || spatial.sameUpper()) {
            conv.ints("output_shape", java.util.Arrays.copyOfRange(out, 2, rank));
        } else {
            conv.ints("pads", spatial.pads());
        }
        if (groups != 1) {
            conv.attr("group", groups);
        }
        conv.add();
        t.define(node.id(), out);
    }

    @Override
    public String describe(UffNode node) {
        return "ConvTranspose (" + Spatial.of(node, 2).text() + ")";
    }
}
