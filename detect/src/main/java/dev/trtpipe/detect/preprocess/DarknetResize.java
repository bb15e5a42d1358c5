package dev.trtpipe.detect.preprocess;

/**
 * darknet's {@code resize_image}, bit for bit: separable bilinear with the align-corners mapping, a
 * horizontal pass then a vertical one, every operation in float32 in darknet's order (docs:
 * darknet.md §7). Not OpenCV's or Java2D's bilinear, which use half-pixel centres.
 *
 * <p>Instead of darknet's full intermediate image it keeps the two horizontally resized source rows the
 * current output row blends, so each source row is resized at most once per channel and the working
 * set stays in cache. The arithmetic, and so the result, is unchanged.
 */
final class DarknetResize {

    /** byte → float exactly as darknet loads pixels ({@code b / 255.}). */
    private static final float[] BYTE_TO_UNIT = new float[256];

    static {
        for (int b = 0; b < 256; b++) {
            BYTE_TO_UNIT[b] = (float) (b / 255.0);
        }
    }

    private DarknetResize() {
    }

    /**
     * Resizes {@code src} to {@code outW × outH} and writes it as planar float into {@code dst}: channel
     * c, output row y, column x goes to {@code dst[offset + c·dstW·dstH + (y0 + y)·dstW + x0 + x]}.
     */
    static void resizeInto(RgbImage src, int outW, int outH, float[] dst, int offset, int dstW, int dstH, int x0, int y0) {
        int inW = src.width();
        int inH = src.height();
        Taps cols = Taps.horizontal(inW, outW);
        Taps rows = Taps.vertical(inH, outH);
        byte[] planes = src.planes();
        float[] upper = new float[outW];
        float[] lower = new float[outW];
        for (int c = 0; c < 3; c++) {
            int srcPlane = c * inW * inH;
            int dstPlane = offset + c * dstW * dstH;
            int upperRow = -1;
            int lowerRow = -1;
            for (int y = 0; y < outH; y++) {
                int r0 = rows.first[y];
                int r1 = rows.second[y];
                if (upperRow != r0) {
                    if (lowerRow == r0) { // moved down one source row: reuse it
                        float[] t = upper;
                        upper = lower;
                        lower = t;
                        lowerRow = -1;
                    } else {
                        horizontal(planes, srcPlane + r0 * inW, cols, upper);
                    }
                    upperRow = r0;
                }
                if (lowerRow != r1) {
                    if (r1 == r0) {
                        System.arraycopy(upper, 0, lower, 0, outW);
                    } else {
                        horizontal(planes, srcPlane + r1 * inW, cols, lower);
                    }
                    lowerRow = r1;
                }
                float w0 = rows.firstWeight[y];
                float w1 = rows.secondWeight[y];
                int out = dstPlane + (y0 + y) * dstW + x0;
                for (int x = 0; x < outW; x++) {
                    // darknet: val = (1-dy)*part[iy]; then val += dy*part[iy+1] (skipped on the last row: w1 = 0)
                    float v = w0 * upper[x];
                    dst[out + x] = v + w1 * lower[x];
                }
            }
        }
    }

    private static void horizontal(byte[] planes, int rowStart, Taps cols, float[] out) {
        int[] first = cols.first;
        int[] second = cols.second;
        float[] w0 = cols.firstWeight;
        float[] w1 = cols.secondWeight;
        for (int x = 0; x < out.length; x++) {
            out[x] = w0[x] * BYTE_TO_UNIT[planes[rowStart + first[x]] & 0xFF]
                    + w1[x] * BYTE_TO_UNIT[planes[rowStart + second[x]] & 0xFF];
        }
    }

    /**
     * Per output index, the two source indices and weights darknet blends. Where the horizontal pass
     * copies (the last column, or a source one pixel wide) the taps are (last, last) with weights (1, 0),
     * which gives the copied value exactly. On the last row the vertical pass keeps its {@code (1 − dy)}
     * factor and drops the second term, which weights ({@code 1 − dy}, 0) reproduce.
     */
    private record Taps(int[] first, int[] second, float[] firstWeight, float[] secondWeight) {

        static Taps horizontal(int in, int out) {
            return of(in, out, true);
        }

        static Taps vertical(int in, int out) {
            return of(in, out, false);
        }

        private static Taps of(int in, int out, boolean copyLast) {
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
            return new Taps(first, second, w0, w1);
        }
    }
}
