package dev.trtpipe.uff;

import java.util.ArrayList;
import java.util.List;

/**
 * Transposes a float array (output axis i = source axis {@code perm[i]}) with a loop order chosen for
 * the caches and the JIT rather than the source's or the output's.
 *
 * <p>Axes of extent 1 are dropped and axes that stay neighbours in the same order are merged, so a
 * TensorFlow kernel {@code [h, w, C, K]} going to ONNX's {@code [K, C, h, w]} is the three-axis transpose
 * {@code [S, C, K] → [K, C, S]} (S = h·w). The source's innermost axis (K, 16–72 long on usa_pruned) is the
 * innermost loop, which reads in order and is long enough for the JIT's unrolled loop to pay; the output's
 * innermost axis (S) comes next and the others (C) outermost, so the K output lines written for one C stay
 * in the L1 cache for the next. Looping over S innermost instead (1–9 long) costs more in loop overhead than
 * it saves in scattered writes.
 */
final class FloatTranspose {

    /** Loops of the chosen order (outermost first): extent, source stride (floats), output stride (floats). */
    private final int[] extent;
    private final int[] inStride;
    private final int[] outStride;

    private FloatTranspose(int[] extent, int[] inStride, int[] outStride) {
        this.extent = extent;
        this.inStride = inStride;
        this.outStride = outStride;
    }

    /** The loops for a source of {@code shape} permuted by {@code perm}, padded to at least four (extent 1). */
    static FloatTranspose of(long[] shape, int[] perm) {
        int rank = shape.length;
        long[] sourceStride = new long[rank];
        long stride = 1;
        for (int i = rank - 1; i >= 0; i--) {
            sourceStride[i] = stride;
            stride *= shape[i];
        }
        // output axes from the innermost out, as (extent, source stride, output stride), merged where possible
        List<long[]> axes = new ArrayList<>();
        long out = 1;
        for (int i = rank - 1; i >= 0; i--) {
            long n = shape[perm[i]];
            if (n == 1) {
                continue;
            }
            long[] inner = axes.isEmpty() ? null : axes.get(axes.size() - 1);
            if (inner != null && inner[1] * inner[0] == sourceStride[perm[i]]) {
                inner[0] *= n; // this axis is the next-outer one of the inner axis in the source too
            } else {
                axes.add(new long[] {n, sourceStride[perm[i]], out});
            }
            out *= n;
        }
        int count = axes.size();
        int loops = Math.max(4, count);
        int[] extent = new int[loops];
        int[] in = new int[loops];
        int[] outS = new int[loops];
        java.util.Arrays.fill(extent, 1);
        int next = loops - 1;
        if (count > 0) {
            long[] outputInner = axes.get(0);
            long[] sourceInner = axes.stream().min((x, y) -> Long.compare(x[1], y[1])).orElseThrow();
            next = place(sourceInner, extent, in, outS, next); // source stride 1: the axes after it are all of extent 1
            if (sourceInner != outputInner) {
                next = place(outputInner, extent, in, outS, next);
            }
            // the rest from the source's innermost outwards, so that the outer loops also read in order
            for (long[] a : axes.stream().sorted((x, y) -> Long.compare(x[1], y[1])).toList()) {
                if (a != outputInner && a != sourceInner) {
                    next = place(a, extent, in, outS, next);
                }
            }
        }
        return new FloatTranspose(extent, in, outS);
    }

    private static int place(long[] axis, int[] extent, int[] in, int[] out, int at) {
        extent[at] = Math.toIntExact(axis[0]);
        in[at] = Math.toIntExact(axis[1]);
        out[at] = Math.toIntExact(axis[2]);
        return at - 1;
    }

    /** Writes the permuted floats of {@code src} into {@code dst} (both from index 0; as long as the tensor or longer). */
    void run(float[] src, float[] dst) {
        if (extent.length == 4) {
            run4(src, dst);
        } else {
            runAnyRank(src, dst);
        }
    }

    /** Four plain nested loops over arrays, which the JIT compiles to tight code (kernels merge to at most three axes). */
    private void run4(float[] src, float[] dst) {
        int n0 = extent[0], n1 = extent[1], n2 = extent[2], n3 = extent[3];
        int i0 = inStride[0], i1 = inStride[1], i2 = inStride[2];
        int o0 = outStride[0], o1 = outStride[1], o2 = outStride[2], o3 = outStride[3];
        for (int a = 0; a < n0; a++) {
            for (int b = 0; b < n1; b++) {
                for (int c = 0; c < n2; c++) {
                    int from = a * i0 + b * i1 + c * i2;
                    int to = a * o0 + b * o1 + c * o2;
                    for (int d = 0; d < n3; d++) {
                        dst[to + d * o3] = src[from + d]; // the innermost loop reads in order (see of)
                    }
                }
            }
        }
    }

    /** More than four axes left after merging: the same order, with an odometer over the outer loops. */
    private void runAnyRank(float[] src, float[] dst) {
        int last = extent.length - 1;
        int[] index = new int[last];
        long total = 1;
        for (int n : extent) {
            total *= n;
        }
        int from = 0;
        int to = 0;
        for (long done = 0; done < total; done += extent[last]) {
            for (int d = 0; d < extent[last]; d++) {
                dst[to + d * outStride[last]] = src[from + d * inStride[last]];
            }
            for (int a = last - 1; a >= 0; a--) {
                index[a]++;
                from += inStride[a];
                to += outStride[a];
                if (index[a] < extent[a]) {
                    break;
                }
                from -= inStride[a] * extent[a];
                to -= outStride[a] * extent[a];
                index[a] = 0;
            }
        }
    }
}
