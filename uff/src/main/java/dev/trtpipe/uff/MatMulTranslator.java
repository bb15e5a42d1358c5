package dev.trtpipe.uff;

/** {@code MatMul}: {@code a · b}, with {@code transpose_a}/{@code transpose_b} swapping the last two axes first. */
final class MatMulTranslator implements UffTranslator {

    @Override
    public void translate(UffNode node, UffTranslation t) {
        String a = operand(node, t, 0, node.bool("transpose_a", false));
        String b = operand(node, t, 1, node.bool("transpose_b", false));
        t.onnx().node("MatMul", node.id()).inputs(a, b).output(node.id()).add();
        long[] sa = t.shape(a);
        long[] sb = t.shape(b);
        if (sa != null && sb != null && sa.length >= 2 && sb.length >= 2) {
            long[] batch = UffTranslation.broadcast(java.util.Arrays.copyOf(sa, sa.length - 2), java.util.Arrays.copyOf(sb, sb.length - 2));
            long[] out = java.util.Arrays.copyOf(batch, batch.length + 2);
            out[batch.length] = sa[sa.length - 2];
            out[batch.length + 1] = sb[sb.length - 1];
            t.define(node.id(), out);
        }
    }

    private static String operand(UffNode node, UffTranslation t, int i, boolean transpose) {
        String x = t.tensor(node.input(i));
        if (!transpose) {
            return x;
        }
        long[] s = Shapes.requireShape(node, t, x);
        int[] perm = DimOrders.identity(s.length);
        perm[s.length - 1] = s.length - 2;
        perm[s.length - 2] = s.length - 1;
        String out = t.onnx().node("Transpose", t.scratch(node, "transpose")).inputs(x).output(t.scratch(node, "transposed"))
                .ints("perm", java.util.Arrays.stream(perm).asLongStream().toArray()).add();
        t.define(out, Weights.permuteShape(s, perm));
        return out;
    }

    @Override
    public String describe(UffNode node) {
        return "MatMul";
    }
}
