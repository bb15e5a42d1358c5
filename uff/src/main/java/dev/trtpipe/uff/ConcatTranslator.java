package dev.trtpipe.uff;

/** {@code Concat}: every input along {@code axis}. */
final class ConcatTranslator implements UffTranslator {

    @Override
    public void translate(UffNode node, UffTranslation t) {
        node.input(0); // a Concat of nothing is a corrupt node: says so, where inputs[0] would be an index error
        String[] inputs = node.inputs().stream().map(t::tensor).toArray(String[]::new);
        long[] first = Shapes.requireShape(node, t, inputs[0]);
        int axis = Shapes.axis(node, node.longValue("axis", 1), first.length);
        t.onnx().node("Concat", node.id()).inputs(inputs).output(node.id()).attr("axis", (long) axis).add();
        long[] out = first.clone();
        for (int i = 1; i < inputs.length; i++) {
            long[] s = Shapes.requireShape(node, t, inputs[i]);
            if (s.length != first.length) {
                throw node.problem("concatenates tensors of ranks " + first.length + " and " + s.length);
            }
            out[axis] += s[axis];
        }
        t.define(node.id(), out);
    }

    @Override
    public String describe(UffNode node) {
        return "Concat";
    }
}
