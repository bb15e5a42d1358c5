package dev.trtpipe.uff;

/**
 * {@code StridedSlice}: inputs {@code [x, begin, end, strides]} (constants) with TensorFlow's
 * {@code begin_mask}/{@code end_mask} (bit i: ignore the bound of axis i) and {@code shrink_axis_mask}
 * (bit i: take one element and drop the axis). Ellipsis and new-axis masks are refused.
 */
final class StridedSliceTranslator implements UffTranslator {

    @Override
    public void translate(UffNode node, UffTranslation t) {
        String x = t.tensor(node.input(0));
        long[] in = Shapes.requireShape(node, t, x);
        long[] begin = t.requireConstant(node, 1).longs();
        long[] end = t.requireConstant(node, 2).longs();
        long[] steps = node.inputs().size() > 3 ? t.requireConstant(node, 3).longs() : Spatial.ones(begin.length);
        long beginMask = node.longValue("begin_mask", 0);
        long endMask = node.longValue("end_mask", 0);
        long shrink = node.longValue("shrink_axis_mask", 0);
        if (node.longValue("ellipsis_mask", 0) != 0 || node.longValue("new_axis_mask", 0) != 0) {
            throw node.problem("uses an ellipsis or new-axis mask, which is not supported");
        }
        int n = begin.length;
        long[] starts = new long[n];
        long[] ends = new long[n];
        long[] axes = new long[n];
        long[] out = in.clone();
        java.util.List<Long> squeeze = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            axes[i] = i;
            boolean up = steps[i] > 0;
            starts[i] = (beginMask >> i & 1) != 0 ? (up ? 0 : Long.MAX_VALUE) : begin[i];
            ends[i] = (endMask >> i & 1) != 0 ? (up ? Long.MAX_VALUE : Long.MIN_VALUE) : end[i];
            if ((shrink >> i & 1) != 0) {
                ends[i] = begin[i] == -1 ? Long.MAX_VALUE : begin[i] + 1;
                steps[i] = 1;
                squeeze.add((long) i);
            }
            if (in[i] >= 0) {
                long s = clamp(starts[i], in[i], up);
                long e = clamp(ends[i], in[i], up);
                out[i] = Math.max(0, up ? (e - s + steps[i] - 1) / steps[i] : (s - e - steps[i] - 1) / -steps[i]);
            }
        }
        var onnx = t.onnx();
        String sliced = squeeze.isEmpty() ? node.id() : t.scratch(node, "slice");
        onnx.node("Slice", squeeze.isEmpty() ? node.id() : t.scratch(node, "slice_node")).inputs(x, onnx.int64Constant(starts),
                onnx.int64Constant(ends), onnx.int64Constant(axes), onnx.int64Constant(steps)).output(sliced).add();
        if (!squeeze.isEmpty()) {
            onnx.node("Squeeze", node.id()).inputs(sliced, onnx.int64Constant(squeeze.stream().mapToLong(Long::longValue).toArray()))
                    .output(node.id()).add();
        }
        java.util.List<Long> shape = new java.util.ArrayList<>();
        for (int i = 0; i < out.length; i++) {
            if (!squeeze.contains((long) i)) {
                shape.add(out[i]);
            }
        }
        t.define(node.id(), shape.stream().mapToLong(Long::longValue).toArray());
    }

    private static long clamp(long v, long size, boolean up) {
        long w = v < 0 && v != Long.MIN_VALUE ? v + size : v;
        return up ? Math.max(0, Math.min(w, size)) : Math.max(-1, Math.min(w, size - 1));
    }

    @Override
    public String describe(UffNode node) {
        return node.longValue("shrink_axis_mask", 0) != 0 ? "Slice + Squeeze" : "Slice";
    }
}
