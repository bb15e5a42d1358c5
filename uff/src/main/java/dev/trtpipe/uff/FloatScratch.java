package dev.trtpipe.uff;

/**
 * Two float arrays per thread for transposing weights while a model is encoded: the floats are copied in
 * and out in bulk and transposed between plain arrays, which the JIT compiles to tighter loops than
 * element-wise reads and writes through byte buffers (usa_pruned's kernels: 0.25 → 0.14 ms, copies
 * included). Fresh arrays per kernel would cost as much again: Java zeroes every new array. Arrays up to
 * {@link #KEPT_FLOATS} are kept for the next kernel; larger ones (fully connected layers of hundreds of MB)
 * are left to the collector.
 */
final class FloatScratch {

    /** 4 MiB each: every convolution kernel of the TLT detectors fits. */
    static final int KEPT_FLOATS = 1 << 20;

    private static final ThreadLocal<float[][]> KEPT = ThreadLocal.withInitial(() -> new float[2][0]);

    private FloatScratch() {
    }

    /** Two arrays of at least {@code floats} elements each, with unspecified contents; not to be kept by the caller. */
    static float[][] of(int floats) {
        if (floats > KEPT_FLOATS) {
            return new float[][] {new float[floats], new float[floats]};
        }
        float[][] pair = KEPT.get();
        if (pair[0].length < floats) {
            pair[0] = new float[floats];
            pair[1] = new float[floats];
        }
        return pair;
    }
}
