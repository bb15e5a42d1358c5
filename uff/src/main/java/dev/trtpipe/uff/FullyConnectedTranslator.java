package dev.trtpipe.uff;

/**
 * {@code FullyConnected} (what the converter makes of TensorFlow's MatMul): inputs {@code [x, weights]}; x is
 * flattened after the batch and multiplied by the weights, stored {@code [C, K]} (orders {@code CK}) or
 * {@code [K, C]} ({@code KC}, transpose_b). The bias is a separate Binary add in UFF.
 */
final class FullyConnectedTranslator implements UffTranslator {

    @Override
    public void translate(UffNode node, UffTranslation t) {
        String x = t.tensor(node.input(0));
        long[] in = Shapes.requireShape(node, t, x);
        UffConstant w = t.requireConstant(node, 1);
        if (w.shape().length != 2) {
            throw node.problem("has rank-" + w.shape().length + " weights; expected [C, K]");
        }
        if (DimOrders.axes(node, 0, 2, new int[] {0, 1})[0] != 0) {
            throw node.problem("reads its input transposed ([C, N], TensorFlow's transpose_a), which is not supported");
        }
        int[] kc = DimOrders.axes(node, 1, 2, new int[] {1, 0});
        boolean transB = kc[0] == 0; // stored [K, C]
        long channels = w.shape()[transB ? 1 : 0];
        long units = w.shape()[transB ? 0 : 1];
        if (Shapes.known(in, 1) && Shapes.product(in, 1) != channels) {
            throw node.problem("has weights for " + channels + " inputs but its input has " + Shapes.product(in, 1));
        }
        String flat = x;
        if (in.length != 2) {
            flat = t.onnx().node("Flatten", t.scratch(node, "flatten")).inputs(x).output(t.scratch(node, "flat")).attr("axis", 1L).add();
        }
        t.onnx().node("Gemm", node.id()).inputs(flat, t.tensor(node.input(1))).output(node.id()).attr("transB", transB ? 1L : 0L).add();
        t.define(node.id(), new long[] {in[0], units});
    }

    @Override
    public String describe(UffNode node) {
        return "Gemm";
    }
}
