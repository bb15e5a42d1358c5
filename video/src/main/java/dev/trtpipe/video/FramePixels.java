package dev.trtpipe.video;

import java.nio.ByteBuffer;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

/**
 * Copies a picture in planar GBR ({@code AV_PIX_FMT_GBRP}: the G, B and R planes, rows possibly padded) into
 * the R, G, B plane layout the detector's {@code RgbImage} has: three bulk copies instead of a per-pixel
 * shuffle. The destination is a heap array or native memory (pinned memory a GPU copies from).
 */
final class FramePixels {

    /** GBRP's plane index for R, G and B. */
    static final int[] PLANE_OF = {2, 0, 1};

    private FramePixels() {
    }

    /**
     * @param planes {@code 3 · w · h} bytes, overwritten
     * @throws IllegalArgumentException a plane is missing or narrower than the picture
     */
    static void copyRgbPlanes(AVFrame gbrp, int w, int h, byte[] planes) {
        copyRgbPlanes(gbrp, w, h, ByteBuffer.wrap(planes));
    }

    /**
     * @param planes {@code 3 · w · h} bytes from position 0 (a heap or a direct buffer), overwritten; its
     *               position is left alone
     * @throws IllegalArgumentException a plane is missing or narrower than the picture, or {@code planes} is too small
     */
    static void copyRgbPlanes(AVFrame gbrp, int w, int h, ByteBuffer planes) {
        int plane = w * h;
        if (planes.capacity() < 3L * plane) {
            throw new IllegalArgumentException(planes.capacity() + " bytes cannot hold the RGB planes of a " + w + "x" + h + " frame");
        }
        BytePointer direct = planes.isDirect() ? new BytePointer(planes) : null;
        for (int c = 0; c < 3; c++) {
            BytePointer data = gbrp.data(PLANE_OF[c]);
            int stride = gbrp.linesize(PLANE_OF[c]);
            if (data == null || data.isNull() || stride < w) {
                throw new IllegalArgumentException("frame plane " + PLANE_OF[c] + " is missing or narrower than " + w);
            }
            // whole planes at once when the rows are not padded, else row by row
            int rows = stride == w ? 1 : h;
            int run = stride == w ? plane : w;
            for (int y = 0; y < rows; y++) {
                long from = (long) y * stride;
                int to = c * plane + y * w;
                if (direct != null) {
                    Pointer.memcpy(direct.position(to), data.position(from), run);
                } else {
                    data.position(from).get(planes.array(), planes.arrayOffset() + to, run);
                }
            }
        }
    }
}
