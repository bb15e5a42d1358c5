package dev.trtpipe.detect.preprocess;

/**
 * Per output index of one axis of darknet's {@code resize_image}: the two source indices and the weights it
 * blends them with. Where the horizontal pass copies (the last column, or a source one pixel wide) the taps
 * are (last, last) with weights (1, 0), which gives the copied value exactly. On the last row the vertical
 * pass keeps its {@code (1 − dy)} factor and drops the second term, which weights ({@code 1 − dy}, 0)
 * reproduce. Both index arrays are non-decreasing and within the source.
 *
 * <p>The arrays are shared with the kernels, never handed out of this package, and never modified.
 */
record ResizeTaps(int[] first, int[] second, float[] firstWeight, float[] secondWeight) {

    static ResizeTaps horizontal(int in, int out) {
        return of(in, out, true);
    }

    static ResizeTaps vertical(int in, int out) {
        return of(in, out, false);
    }

    /** Output indices along this axis. */
    int size() {
        return first.length;
    }

    private static ResizeTaps of(int in, int out, boolean copyLast) {
        int[] first = new int[out];
        int[] second = new int[out];
        float[] w0 = new float[out];
        float[] w1 = new float[out];
        // darknet divides by (out - 1); for out == 1 that is x/0 and its result undefined: use 0
        float scale = out == 1 ? 0f : (float) (in - 1) / (out - 1);
        for (int i = 0; i < out; i++) {
            float s = i * scale;
            int i0 = Math.min((int) s, in - 1);
            float d = s - i0;
            boolean last = i == out - 1 || in == 1;
            if (last && copyLast) {
                first[i] = in - 1;
                second[i] = in - 1;
                w0[i] = 1f;
                w1[i] = 0f;
            } else {
                first[i] = i0;
                second[i] = last ? i0 : Math.min(i0 + 1, in - 1);
                w0[i] = 1 - d;
                w1[i] = last ? 0f : d;
            }
        }
        return new ResizeTaps(first, second, w0, w1);
    }
}
