package dev.trtpipe.detect.preprocess;

/**
 * darknet's {@code resize_image}, bit for bit: separable bilinear with the align-corners mapping, a
 * horizontal pass then a vertical one, every operation in float32 in darknet's order (docs:
 * darknet.md §7). Not OpenCV's or Java2D's bilinear, which use half-pixel centres.
 *
 * <p>One instance per geometry (source and output size): the source indices and weights of every
 * output column and row are computed once. Instead of darknet's full intermediate image it keeps the two
 * horizontally resized source rows the current output row blends, so each source row is resized at most
 * once per channel and the working set stays in cache. Output rows can be produced in independent bands
 * (in parallel): every value is computed by the same operations, so the result does not depend on the
 * banding. Immutable and thread-safe.
 */
final class DarknetResize {

    /** byte → float exactly as darknet loads pixels ({@code b / 255.}). */
    private static final float[] BYTE_TO_UNIT = new float[256];

    static {
        for (int b = 0; b < 256; b++) {
            BYTE_TO_UNIT[b] = (float) (b / 255.0);
        }
    }

    private final int inW;
    private final int inH;
    private final int outW;
    private final int outH;
    private final Taps cols;
    private final Taps rows;

    DarknetResize(int inW, int inH, int outW, int outH) {
        this.inW = inW;
        this.inH = inH;
        this.outW = outW;
        this.outH = outH;
        this.cols = Taps.horizontal(inW, outW);
        this.rows = Taps.vertical(inH, outH);
    }

    /** Whether this plan resizes a {@code width × height} source to {@code outW × outH}. */
    boolean fits(int width, int height, int outWidth, int outHeight) {
        return inW == width && inH == height && outW == outWidth && outH == outHeight;
    }

    int outHeight() {
        return outH;
    }

    /**
     * Resizes output rows {@code [rowFrom, rowTo)} of {@code src} and writes them as planar float into
     * {@code dst}: channel c, output row y, column x goes to
     * {@code dst[offset + c·dstW·dstH + (y0 + y)·dstW + x0 + x]}.
     */
    void resizeRows(RgbImage src, float[] dst, int offset, int dstW, int dstH, int x0, int y0, int rowFrom, int rowTo) {
        if (!fits(src.width(), src.height(), outW, outH)) {
            throw new IllegalArgumentException("a resize planned for " + inW + "x" + inH + " got a " + src.width() + "x" + src.height() + " image");
        }
        PartRows part = new PartRows(src, cols, outW);
        float[] row = new float[outW];
        for (int y = rowFrom; y < rowTo; y++) {
            part.load(rows.first[y], rows.second[y]);
            for (int c = 0; c < 3; c++) {
                blend(part.upper(c), part.lower(c), rows.firstWeight[y], rows.secondWeight[y], row);
                System.arraycopy(row, 0, dst, offset + c * dstW * dstH + (y0 + y) * dstW + x0, outW);
            }
        }
    }

    /**
     * darknet: {@code val = (1-dy)*part[iy]; val += dy*part[iy+1]} (skipped on the last row, where w1 = 0).
     * Every array is indexed by the loop variable alone: with an offset on one of them HotSpot 17 cannot
     * rule out overlap and keeps the loop scalar; like this it is vectorized (about 6× faster), and the
     * row is then copied into place.
     */
    private static void blend(float[] upper, float[] lower, float w0, float w1, float[] out) {
        for (int x = 0; x < out.length; x++) {
            float v = w0 * upper[x];
            out[x] = v + w1 * lower[x];
        }
    }

    /**
     * darknet's horizontal pass, kept for the two source rows the current output row blends, so each
     * source row is resized at most once and the working set stays in cache.
     */
    private static final class PartRows {
        private final byte[] planes;
        private final int inW;
        private final int plane;
        private final Taps cols;
        private float[][] upper;
        private float[][] lower;
        private int upperRow = -1;
        private int lowerRow = -1;

        PartRows(RgbImage src, Taps cols, int outW) {
            this.planes = src.planes();
            this.inW = src.width();
            this.plane = src.width() * src.height();
            this.cols = cols;
            this.upper = new float[3][outW];
            this.lower = new float[3][outW];
        }

        float[] upper(int channel) {
            return upper[channel];
        }

        float[] lower(int channel) {
            return lower[channel];
        }

        /** Makes source rows {@code r0} (upper) and {@code r1} (lower) current, resizing only what is new. */
        void load(int r0, int r1) {
            if (upperRow != r0) {
                if (lowerRow == r0) { // moved down one source row: reuse it
                    float[][] t = upper;
                    upper = lower;
                    lower = t;
                    lowerRow = -1;
                } else {
                    resize(r0, upper);
                }
                upperRow = r0;
            }
            if (lowerRow != r1) {
                if (r1 == r0) {
                    for (int c = 0; c < 3; c++) {
                        System.arraycopy(upper[c], 0, lower[c], 0, upper[c].length);
                    }
                } else {
                    resize(r1, lower);
                }
                lowerRow = r1;
            }
        }

        /** Source row {@code r} of R, G and B, resized horizontally (the taps are loaded once for all three). */
        private void resize(int r, float[][] out) {
            int[] first = cols.first;
            int[] second = cols.second;
            float[] w0 = cols.firstWeight;
            float[] w1 = cols.secondWeight;
            float[] unit = BYTE_TO_UNIT;
            byte[] px = planes;
            float[] red = out[0];
            float[] green = out[1];
            float[] blue = out[2];
            int redRow = r * inW;
            int greenRow = redRow + plane;
            int blueRow = greenRow + plane;
            for (int x = 0; x < red.length; x++) {
                int f = first[x];
                int s = second[x];
                float a = w0[x];
                float d = w1[x];
                red[x] = a * unit[px[redRow + f] & 0xFF] + d * unit[px[redRow + s] & 0xFF];
                green[x] = a * unit[px[greenRow + f] & 0xFF] + d * unit[px[greenRow + s] & 0xFF];
                blue[x] = a * unit[px[blueRow + f] & 0xFF] + d * unit[px[blueRow + s] & 0xFF];
            }
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
