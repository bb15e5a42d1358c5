package dev.trtpipe.uff;

/**
 * A tensor whose first dimension is 1 repeated once per image of another tensor: Shape → Slice (the other
 * tensor's batch) → Concat with ones → Expand. Used where a TensorRT 10 graph needs per-image copies of a
 * batch-less constant: BatchTilePlugin_TRT's output, and the priors NMSDynamic_TRT reads per image.
 */
final class BatchExpand {

    private BatchExpand() {
    }

    /**
     * Writes {@code output} = {@code tiled} (rank {@code rank}, first dimension 1) expanded to the batch of
     * {@code batched}; intermediate tensors are named under {@code node}.
     */
    static void write(UffNode node, UffTranslation t, String batched, String tiled, int rank, String output) {
        String whole = t.scratch(node, "shape");
        t.onnx().node("Shape", whole).inputs(batched).output(whole).add();
        String batch = t.scratch(node, "batch");
        t.onnx().node("Slice", batch).inputs(whole, t.onnx().int64Constant(0), t.onnx().int64Constant(1)).output(batch).add();
        long[] ones = new long[rank - 1];
        java.util.Arrays.fill(ones, 1);
        String target = t.scratch(node, "target");
        // Expand broadcasts: the leading 1 becomes N, every 1 here keeps the tiled tensor's own dimension
        t.onnx().node("Concat", target).inputs(batch, t.onnx().int64Constant(ones)).attr("axis", 0L).output(target).add();
        t.onnx().node("Expand", output).inputs(tiled, target).output(output).add();
    }
}
