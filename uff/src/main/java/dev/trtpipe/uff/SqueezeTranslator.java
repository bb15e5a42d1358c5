package dev.trtpipe.uff;

/** {@code Squeeze}: drops the size-1 axes in {@code axis} (all size-1 axes when absent). */
final class SqueezeTranslator implements UffTranslator {

    @Override
    public void translate(UffNode node, UffTranslation t) {
        String x = t.tensor(node.input(0));
        long[] in = Shapes.requireShape(node, t, x);
        long[] axes = node.longs("axis").orElse(null);
        java.util.Set<Integer> drop = new java.util.HashSet<>();
        if (axes == null || axes.length == 0) {
            for (int i = 1; i < in.length; i++) { // never the batch
                if (in[i] == 1) {
                    drop.add(i);
                }
            }
        } else {
            for (long a : axes) {
                drop.add(Shapes.axis(node, a, in.length));
            }
        }
        long[] sorted = drop.stream().sorted().mapToLong(Integer::longValue).toArray();
        t.onnx().node("Squeeze", node.id()).inputs(x, t.onnx().int64Constant(sorted)).output(node.id()).add();
        long[] out = new long[in.length - drop.size()];
        for (int i = 0, j = 0; i < in.length; i++) {
            if (!drop.contains(i)) {
                out[j++] = in[i];
            }
        }
        t.define(node.id(), out);
    }

    @Override
    public String describe(UffNode node) {
        return "Squeeze";
    }
}
