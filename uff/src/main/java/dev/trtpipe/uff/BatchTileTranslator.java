package dev.trtpipe.uff;

/**
 * BatchTilePlugin_TRT (TLT YOLOv3's {@code FirstDimTile_*}): inputs {@code x} and {@code t} with {@code t}'s first
 * dimension 1; the output is {@code t} copied once per image of {@code x}, {@code [N, t1, t2, …]} (TensorRT's
 * batchTilePlugin: per-image dims {@code t.d[1..3]}, {@code enqueue} copies all of {@code t} per batch item).
 * Written as Shape → Slice (x's batch) → Concat with ones → Expand, because the plugin is implicit-batch and
 * TensorRT 10's ONNX parser cannot give its output dimensions.
 */
final class BatchTileTranslator implements UffTranslator {

    @Override
    public void translate(UffNode node, UffTranslation t) {
        if (node.inputs().size() != 2) {
            throw node.problem("has " + node.inputs().size() + " inputs; BatchTilePlugin_TRT takes two (a batched tensor and the tensor to tile)");
        }
        String batched = t.tensor(node.input(0));
        String tiled = t.tensor(node.input(1));
        long[] shape = t.shape(node.input(1));
        if (shape == null || shape.length < 1 || shape[0] != 1) {
            throw node.problem("tiles '" + node.input(1) + "' of shape " + UffTranslation.text(shape)
                    + "; BatchTilePlugin_TRT needs a known shape whose first dimension is 1");
        }
        String whole = t.scratch(node, "shape");
        t.onnx().node("Shape", whole).inputs(batched).output(whole).add();
        String batch = t.scratch(node, "batch");
        t.onnx().node("Slice", batch).inputs(whole, t.onnx().int64Constant(0), t.onnx().int64Constant(1)).output(batch).add();
        long[] ones = new long[shape.length - 1];
        java.util.Arrays.fill(ones, 1);
        String target = t.scratch(node, "target");
        // Expand broadcasts: the leading 1 becomes N, every 1 here keeps the tiled tensor's own dimension
        t.onnx().node("Concat", target).inputs(batch, t.onnx().int64Constant(ones)).attr("axis", 0L).output(target).add();
        t.onnx().node("Expand", node.id()).inputs(tiled, target).output(node.id()).add();
        long[] out = shape.clone();
        out[0] = UffTranslation.BATCH;
        t.define(node.id(), out);
        t.note(node.id() + ": BatchTilePlugin_TRT written as Shape/Slice/Concat/Expand (its input tiled over the batch); "
                + "TensorRT 10's ONNX parser cannot give the implicit-batch plugin's dimensions");
    }

    @Override
    public String describe(UffNode node) {
        return "Expand over the batch of input 0 (replaces implicit-batch BatchTilePlugin_TRT)";
    }
}
