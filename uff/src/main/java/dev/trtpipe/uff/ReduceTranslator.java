package dev.trtpipe.uff;

import java.util.Map;

/** {@code Reduce}: {@code func} mean, sum, max, min or prod over {@code axes}, keeping them if {@code keepdims}. */
final class ReduceTranslator implements UffTranslator {

    private static final Map<String, String> OPS = Map.of(
            "mean", "ReduceMean", "sum", "ReduceSum", "max", "ReduceMax", "min", "ReduceMin", "prod", "ReduceProd");

    @Override
    public void translate(UffNode node, UffTranslation t) {
        String x = t.tensor(node.input(0));
        long[] in = Shapes.requireShape(node, t, x);
        long[] axes = node.longs("axes").orElseGet(() -> node.inputs().size() > 1 ? t.requireConstant(node, 1).longs() : null);
        if (axes == null) {
            throw node.problem("has no 'axes'");
        }
        boolean keep = node.bool("keepdims", false);
        String op = onnxOp(node);
        var reduce = t.onnx().node(op, node.id()).output(node.id()).attr("keepdims", keep ? 1L : 0L);
        if (op.equals("ReduceSum")) { // opset 13: ReduceSum alone takes its axes as an input
            reduce.inputs(x, t.onnx().int64Constant(axes));
        } else {
            reduce.inputs(x).ints("axes", axes);
        }
        reduce.add();
        java.util.Set<Integer> reduced = new java.util.HashSet<>();
        for (long a : axes) {
            reduced.add(Shapes.axis(node, a, in.length));
        }
        java.util.List<Long> out = new java.util.ArrayList<>();
        for (int i = 0; i < in.length; i++) {
            if (!reduced.contains(i)) {
                out.add(in[i]);
            } else if (keep) {
                out.add(1L);
            }
        }
        t.define(node.id(), out.stream().mapToLong(Long::longValue).toArray());
    }

    private static String onnxOp(UffNode node) {
        String func = node.string("func", "");
        String op = OPS.get(func);
        if (op == null) {
            throw node.problem("has Reduce func '" + func + "'; supported: " + new java.util.TreeSet<>(OPS.keySet()));
        }
        return op;
    }

    @Override
    public String describe(UffNode node) {
        return onnxOp(node);
    }
}
