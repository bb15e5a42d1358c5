package dev.trtpipe.uff;

/** {@code Pad}: inputs {@code [x, paddings]}, paddings a constant {@code [rank, 2]} of (begin, end); zeros. */
final class PadTranslator implements UffTranslator {

    @Override
    public void translate(UffNode node, UffTranslation t) {
        String x = t.tensor(node.input(0));
        long[] paddings = t.requireConstant(node, 1).longs();
        int rank = paddings.length / 2;
        long[] pads = new long[2 * rank];
        for (int i = 0; i < rank; i++) {
            pads[i] = paddings[2 * i];
            pads[i + rank] = paddings[2 * i + 1];
        }
        t.onnx().node("Pad", node.id()).inputs(x, t.onnx().int64Constant(pads)).output(node.id()).attr("mode", "constant").add();
        long[] in = t.shape(x);
        if (in != null) {
            long[] out = in.clone();
            for (int i = 0; i < rank && i < out.length; i++) {
                out[i] = out[i] < 0 ? out[i] : out[i] + pads[i] + pads[i + rank];
            }
            t.define(node.id(), out);
        }
    }

    @Override
    public String describe(UffNode node) {
        return "Pad (constant 0)";
    }
}
