package dev.trtpipe.detect.preprocess;

/**
 * The resize row loop in plain Java: the reference the native kernels are tested against, and what runs
 * wherever the native library is absent or turned off.
 *
 * <p>Instead of darknet's full intermediate image it keeps the two horizontally resized source rows the
 * current output row blends, so each source row is resized at most once per channel and the working set
 * stays in cache. Stateless: all working memory is per call.
 */
final class JavaResizeKernel implements ResizeKernel {

    static final JavaResizeKernel INSTANCE = new JavaResizeKernel();

    /** byte → float exactly as darknet loads pixels ({@code b / 255.}). */
    private static final float[] BYTE_TO_UNIT = new float[256];

    static {
        for (int b = 0; b < 256; b++) {
            BYTE_TO_UNIT[b] = (float) (b / 255.0);
        }
    }

    private JavaResizeKernel() {
    }

    @Override
    public void resizeRows(RgbImage src, ResizeTaps cols, ResizeTaps rows, ResizeTarget target, int rowFrom, int rowTo) {
        int outW = cols.size();
        int plane = target.width() * target.height();
        PartRows part = new PartRows(src, cols);
        float[] row = new float[outW];
        for (int y = rowFrom; y < rowTo; y++) {
            part.load(rows.first()[y], rows.second()[y]);
            for (int c = 0; c < 3; c++) {
                blend(part.upper(c), part.lower(c), rows.firstWeight()[y], rows.secondWeight()[y], row);
                System.arraycopy(row, 0, target.data(), target.offset() + c * plane + (target.y0() + y) * target.width() + target.x0(), outW);
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
        private final ResizeTaps cols;
        private float[][] upper;
        private float[][] lower;
        private int upperRow = -1;
        private int lowerRow = -1;

        PartRows(RgbImage src, ResizeTaps cols) {
            this.planes = src.planes();
            this.inW = src.width();
            this.plane = src.width() * src.height();
            this.cols = cols;
            this.upper = new float[3][cols.size()];
            this.lower = new float[3][cols.size()];
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
            int[] first = cols.first();
            int[] second = cols.second();
            float[] w0 = cols.firstWeight();
            float[] w1 = cols.secondWeight();
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
}
