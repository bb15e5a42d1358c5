package dev.trtpipe.uff;

/** {@code Transpose}: the permutation is a constant second input (or a {@code permutation} field). */
final class TransposeTranslator implements UffTranslator {

    @Override
    public void translate(UffNode node, UffTranslation t) {
        String x = t.tensor(node.input(0));
        long[] perm = node.inputs().size() > 1 ? t.requireConstant(node, 1).longs()
                : node.longs("permutation").orElseThrow(() -> node.problem("has no permutation"));
        t.onnx().node("Transpose", node.id()).inputs(x).output(node.id()).ints("perm", perm).add();
        long[] in = t.shape(x);
        if (in != null) {
            int[] p = new int[perm.length];
            for (int i = 0; i < p.length; i++) {
                p[i] = Shapes.axis(node, perm[i], in.length);
            }
            t.define(node.id(), Weights.permuteShape(in, p));
        }
    }

    @Override
    public String describe(UffNode node) {
        return "Transpose";
    }
}
