package dev.trtpipe.uff;

/**
 * {@code Reshape}: inputs {@code [x, shape]}, the shape a constant (INT32 in TLT exports, INT64 elsewhere),
 * written to ONNX as INT64. The exporter wrote the batch as 1 or -1; on a batched tensor whose other
 * dimensions keep their element count that becomes 0 ("copy the batch"), so the symbolic batch survives.
 */
final class ReshapeTranslator implements UffTranslator {

    @Override
    public void translate(UffNode node, UffTranslation t) {
        String x = t.tensor(node.input(0));
        long[] in = t.shape(x);
        long[] target = t.requireConstant(node, 1).longs();
        long[] written = target.clone();
        long[] out = target.clone();
        boolean batched = in != null && in.length > 0 && in[0] == UffTranslation.BATCH;
        if (batched && target.length > 0 && (target[0] == 1 || target[0] == -1) && Shapes.known(in, 1) && Shapes.known(target, 1)
                && Shapes.product(in, 1) == Shapes.product(target, 1)) {
            written[0] = 0;
            out[0] = UffTranslation.BATCH;
        } else if (in != null && Shapes.known(in, 0)) {
            resolveWildcard(node, out, Shapes.product(in, 0));
        }
        t.onnx().node("Reshape", node.id()).inputs(x, t.onnx().int64Constant(written)).output(node.id()).add();
        t.define(node.id(), out);
    }

    private static void resolveWildcard(UffNode node, long[] out, long elements) {
        int wildcard = -1;
        long rest = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == -1) {
                if (wildcard >= 0) {
                    throw node.problem("has two -1 dimensions in its shape");
                }
                wildcard = i;
            } else {
                rest *= out[i];
            }
        }
        if (wildcard >= 0 && rest > 0) {
            out[wildcard] = elements / rest;
        }
    }

    @Override
    public String describe(UffNode node) {
        return "Reshape";
    }
}
