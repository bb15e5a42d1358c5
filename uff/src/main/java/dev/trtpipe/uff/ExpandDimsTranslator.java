package dev.trtpipe.uff;

/** {@code ExpandDims}: a size-1 axis at {@code axis} (a field, or a constant second input). */
final class ExpandDimsTranslator implements UffTranslator {

    @Override
    public void translate(UffNode node, UffTranslation t) {
        String x = t.tensor(node.input(0));
        long[] in = Shapes.requireShape(node, t, x);
        long axis = node.inputs().size() > 1 ? t.requireConstant(node, 1).longs()[0] : node.longValue("axis", 0);
        int at = Shapes.axis(node, axis, in.length + 1);
        t.onnx().node("Unsqueeze", node.id()).inputs(x, t.onnx().int64Constant(at)).output(node.id()).add();
        long[] out = new long[in.length + 1];
        for (int i = 0, j = 0; i < out.length; i++) {
            out[i] = i == at ? 1 : in[j++];
        }
        t.define(node.id(), out);
    }

    @Override
    public String describe(UffNode node) {
        return "Unsqueeze";
    }
}
