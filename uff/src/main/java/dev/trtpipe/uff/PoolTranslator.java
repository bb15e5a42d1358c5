package dev.trtpipe.uff;

import dev.trtpipe.onnx.OnnxGraph;

/**
 * {@code Pool}: {@code func} max or avg over {@code kernel} with {@code strides} and pads ({@link Spatial}).
 * Average pooling leaves padded cells out of the count, as TensorFlow does.
 */
final class PoolTranslator implements UffTranslator {

    @Override
    public void translate(UffNode node, UffTranslation t) {
        SpatialInput input = SpatialInput.of(node, t);
        String x = input.name();
        long[] in = input.shape();
        int rank = input.rank();
        long[] kernel = node.longs("kernel").orElseThrow(() -> node.problem("has no 'kernel'"));
        if (kernel.length != rank - 2) {
            throw node.problem("has a " + kernel.length + "-axis kernel for " + (rank - 2) + " spatial axes");
        }
        Spatial spatial = Spatial.of(node, rank - 2);
        OnnxGraph.Node pool = t.onnx().node(onnxOp(node), node.id()).inputs(x).output(node.id()).ints("kernel_shape", kernel);
        spatial.apply(pool, false);
        if (onnxOp(node).equals("AveragePool")) {
            pool.attr("count_include_pad", 0L);
        }
        pool.add();
        long[] out = in.clone();
        for (int i = 2; i < rank; i++) {
            out[i] = spatial.outputSize(i - 2, in[i], kernel[i - 2], false);
        }
        t.define(node.id(), out);
    }

    private static String onnxOp(UffNode node) {
        String func = node.string("func", "");
        return switch (func) {
            case "max" -> "MaxPool";
            case "avg", "average" -> "AveragePool";
            default -> throw node.problem("has pooling func '" + func + "'; expected max or avg");
        };
    }

    @Override
    public String describe(UffNode node) {
        return onnxOp(node) + " (" + Spatial.of(node, 2).text() + ")";
    }
}
