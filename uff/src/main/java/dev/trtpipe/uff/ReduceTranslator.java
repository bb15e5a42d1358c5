package dev.trtpipe.uff;

import java.util.Map;

/**
 * {@code Reduce}: {@code func} mean, sum, max, min or prod over {@code axes}. The reduced axes are always
 * kept: the UFF converter warns "keepdims is ignored by the UFF Parser and defaults to True", so graphs
 * that ran on TensorRT's UFF parser were built around kept dimensions whatever the field says.
 */
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
        String op = onnxOp(node);
        var reduce = t.onnx().node(op, node.id()).output(node.id()).attr("keepdims", 1L);
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
        long[] out = in.clone();
        reduced.forEach(a -> out[a] = 1);
        t.define(node.id(), out);
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
