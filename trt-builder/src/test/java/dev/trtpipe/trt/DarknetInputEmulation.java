package dev.trtpipe.trt;

import dev.trtpipe.detect.preprocess.ImagePlacement;
import dev.trtpipe.detect.preprocess.RgbImage;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * {@code darknet_input.cu} run on the CPU, one "thread" at a time: the same per-thread steps, line for line,
 * with each CUDA round-to-nearest intrinsic as the Java float or double operation it is defined to equal
 * (IEEE 754 binary32/binary64, round to nearest even; Java has no fused multiply-add unless asked). The
 * upload is emulated too: the images' planes back to back and the 7-long item table, as {@code DeviceImages}
 * fills them. {@link #fused()} contracts the vertical blend into a fused multiply-add, as a CUDA compiler
 * may do without {@code --fmad=false} and the explicit intrinsics: the check must catch that.
 */
final class DarknetInputEmulation implements GpuPreprocessCheck.Kernel {

    private static final int ITEM_FIELDS = 7;
    private static final float LETTERBOX_FILL = 0.5f;

    private final boolean fused;

    private DarknetInputEmulation(boolean fused) {
        this.fused = fused;
    }

    static DarknetInputEmulation exact() {
        return new DarknetInputEmulation(false);
    }

    static DarknetInputEmulation fused() {
        return new DarknetInputEmulation(true);
    }

    private record Tap(int first, int second, float w0, float w1) {
    }

    // the intrinsics
    private static float fdiv_rn(float a, float b) {
        return a / b;
    }

    private static float fmul_rn(float a, float b) {
        return a * b;
    }

    private static float fadd_rn(float a, float b) {
        return a + b;
    }

    private static float fsub_rn(float a, float b) {
        return a - b;
    }

    private static float int2float_rn(int i) {
        return i;
    }

    private static int float2int_rz(float f) {
        return (int) f;
    }

    private static double ddiv_rn(double a, double b) {
        return a / b;
    }

    private static float double2float_rn(double d) {
        return (float) d;
    }

    private static Tap tapOf(int i, int in, int out, boolean copyLast) {
        float scale = out == 1 ? 0.0f : fdiv_rn(int2float_rn(in - 1), int2float_rn(out - 1));
        float s = fmul_rn(int2float_rn(i), scale);
        int i0 = Math.min(float2int_rz(s), in - 1);
        float d = fsub_rn(s, int2float_rn(i0));
        boolean last = i == out - 1 || in == 1;
        if (last && copyLast) {
            return new Tap(in - 1, in - 1, 1.0f, 0.0f);
        }
        return new Tap(i0, last ? i0 : Math.min(i0 + 1, in - 1), fsub_rn(1.0f, d), last ? 0.0f : d);
    }

    private static float unit(byte b) {
        return double2float_rn(ddiv_rn(b & 0xFF, 255.0));
    }

    private static float horizontal(byte[] raw, long row, Tap col) {
        return fadd_rn(fmul_rn(col.w0(), unit(raw[(int) (row + col.first())])), fmul_rn(col.w1(), unit(raw[(int) (row + col.second())])));
    }

    @Override
    public float[] prepare(List<RgbImage> images, List<ImagePlacement> placements, int netWidth, int netHeight) {
        // the upload: planes back to back, and the item table
        int rawBytes = images.stream().mapToInt(im -> 3 * im.width() * im.height()).sum();
        ByteBuffer pixels = ByteBuffer.allocate(rawBytes);
        long[] items = new long[ITEM_FIELDS * images.size()];
        for (int i = 0; i < images.size(); i++) {
            RgbImage image = images.get(i);
            ImagePlacement p = placements.get(i);
            long[] fields = {pixels.position(), image.width(), image.height(), p.scaledWidth(), p.scaledHeight(), p.offsetX(), p.offsetY()};
            System.arraycopy(fields, 0, items, ITEM_FIELDS * i, ITEM_FIELDS);
            image.copyPlanesTo(pixels);
        }
        byte[] raw = pixels.array();
        float[] out = new float[3 * netWidth * netHeight * images.size()];
        // the grid: z items, y channels, x pixels
        for (int n = 0; n < images.size(); n++) {
            for (int c = 0; c < 3; c++) {
                for (int pixel = 0; pixel < netWidth * netHeight; pixel++) {
                    thread(raw, items, out, netWidth, netHeight, n, c, pixel);
                }
            }
        }
        return out;
    }

    /** The kernel body for one (item, channel, pixel). */
    private void thread(byte[] raw, long[] items, float[] out, int netW, int netH, int n, int c, int pixel) {
        int plane = netW * netH;
        int item = ITEM_FIELDS * n;
        int width = (int) items[item + 1];
        int height = (int) items[item + 2];
        int scaledW = (int) items[item + 3];
        int scaledH = (int) items[item + 4];
        int x = pixel % netW - (int) items[item + 5];
        int y = pixel / netW - (int) items[item + 6];
        int dst = (n * 3 + c) * plane + pixel;
        if (x < 0 || y < 0 || x >= scaledW || y >= scaledH) {
            out[dst] = LETTERBOX_FILL;
            return;
        }
        Tap col = tapOf(x, width, scaledW, true);
        Tap row = tapOf(y, height, scaledH, false);
        long channel = items[item] + (long) c * width * height;
        float upper = horizontal(raw, channel + (long) row.first() * width, col);
        float lower = horizontal(raw, channel + (long) row.second() * width, col);
        if (fused) {
            out[dst] = Math.fma(row.w1(), lower, fmul_rn(row.w0(), upper));
            return;
        }
        float v = fmul_rn(row.w0(), upper);
        out[dst] = fadd_rn(v, fmul_rn(row.w1(), lower));
    }
}
