package dev.trtpipe.eval;

/**
 * {@code np.mean} of a float64 array as numpy computes it: pairwise summation (blocks of 128 summed
 * with 8 interleaved accumulators, larger arrays split in halves), then one division. Summing in
 * another order changes the last bits of a mean over thousands of precision values.
 */
final class NumpyMean {

    private static final int BLOCK = 128;

    private NumpyMean() {
    }

    /** Mean of {@code values[0..n)}; NaN for n = 0 (callers check for emptiness first). */
    static double mean(double[] values, int n) {
        return pairwiseSum(values, 0, n) / n;
    }

    static double pairwiseSum(double[] a, int from, int n) {
        if (n < 8) {
            double res = 0.0; // numpy starts from -0.0 only for an empty reduction; adding to 0.0 is equal here
            for (int i = 0; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        if (n <= BLOCK) {
            double[] r = new double[8];
            for (int j = 0; j < 8; j++) {
                r[j] = a[from + j];
            }
            int i;
            for (i = 8; i < n - (n % 8); i += 8) {
                for (int j = 0; j < 8; j++) {
                    r[j] += a[from + i + j];
                }
            }
            double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        int n2 = n / 2;
        n2 -= n2 % 8;
        return pairwiseSum(a, from, n2) + pairwiseSum(a, from + n2, n - n2);
    }
}
