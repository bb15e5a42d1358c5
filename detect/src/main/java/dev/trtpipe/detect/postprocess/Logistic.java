package dev.trtpipe.detect.postprocess;

/** darknet's logistic activation and the raw-value cutoff that lets decoding skip it. */
final class Logistic {

    private Logistic() {
    }

    /** PJ darknet's {@code 1./(1. + exp(-x))} in double, stored as float (AB's float version agrees to 1 ulp). */
    static float apply(float x) {
        return (float) (1.0 / (1.0 + Math.exp(-x)));
    }

    /**
     * The largest float {@code r} with {@code apply(r) <= threshold}, so that
     * {@code apply(raw) > threshold} exactly when {@code raw > cutoff} — one comparison instead of an
     * {@code exp} for the ~99 % of cells below the threshold. Exact, not a margin: {@code apply} is
     * monotonic ({@code Math.exp} is semi-monotonic by specification) and the search runs over every
     * float in order.
     */
    static float cutoff(float threshold) {
        if (!(threshold < 1f)) {
            return Float.POSITIVE_INFINITY; // apply() never exceeds 1
        }
        if (apply(Float.NEGATIVE_INFINITY) > threshold) {
            return Float.NEGATIVE_INFINITY; // threshold below 0: every finite value passes
        }
        long lo = orderedKey(Float.NEGATIVE_INFINITY); // apply(lo) <= threshold
        long hi = orderedKey(Float.POSITIVE_INFINITY); // apply(hi) > threshold
        while (hi - lo > 1) {
            long mid = lo + (hi - lo) / 2;
            if (apply(fromOrderedKey(mid)) <= threshold) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return fromOrderedKey(lo);
    }

    /** Maps floats to integers preserving their order (negative floats have reversed bit order). */
    private static long orderedKey(float f) {
        int bits = Float.floatToRawIntBits(f);
        return bits >= 0 ? (long) bits : -(long) (bits & 0x7FFFFFFF);
    }

    private static float fromOrderedKey(long key) {
        return key >= 0 ? Float.intBitsToFloat((int) key) : Float.intBitsToFloat((int) (-key) | 0x80000000);
    }
}
