package dev.trtpipe.uff;

/** {@code Stack} (TensorFlow's Pack): every input gets a new axis at {@code axis}, then they are concatenated there. */
final class StackTranslator implements UffTranslator {

    @Override
    public void translate(UffNode node, UffTranslation t) {
        long[] first = Shapes.requireShape(node, t, t.tensor(node.input(0)));
        int axis = Shapes.axis(node, node.longValue("axis", 0), first.length + 1);
        String[] expanded = new String[node.inputs().size()];
        for (int k = 0; k < expanded.length; k++) {
            expanded[k] = t.onnx().node("Unsqueeze", t.scratch(node, "unsqueeze")).inputs(t.tensor(node.input(k)),
                    t.onnx().int64Constant(axis)).output(t.scratch(node, "expanded")).add();
        }
        t.onnx().node("Concat", node.id()).inputs(expanded).output(node.id()).attr("axis", (long) axis).add();
        long[] out = new long[first.length + 1];
        for (int i = 0, j = 0; i < out.length; i++) {
            out[i] = i == axis ? expanded.length : first[j++];
        }
        t.define(node.id(), out);
    }

    @Override
    public String describe(UffNode node) {
        return "Unsqueeze + Concat";
    }
}
