package dev.trtpipe.video;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;

/**
 * Copies a picture in planar GBR ({@code AV_PIX_FMT_GBRP}: the G, B and R planes, rows possibly padded) into
 * the R, G, B plane layout the detector's {@code RgbImage} has: three bulk copies instead of a per-pixel
 * shuffle.
 */
final class FramePixels {

    /** GBRP's plane index for R, G and B. */
    private static final int[] PLANE_OF = {2, 0, 1};

    private FramePixels() {
    }

    /**
     * @param planes {@code 3 · w · h} bytes, overwritten
     * @throws IllegalArgumentException a plane is missing or narrower than the picture
     */
    static void copyRgbPlanes(AVFrame gbrp, int w, int h, byte[] planes) {
        int plane = w * h;
        for (int c = 0; c < 3; c++) {
            BytePointer data = gbrp.data(PLANE_OF[c]);
            int stride = gbrp.linesize(PLANE_OF[c]);
            if (data == null || data.isNull() || stride < w) {
                throw new IllegalArgumentException("frame plane " + PLANE_OF[c] + " is missing or narrower than " + w);
            }
            if (stride == w) {
                data.position(0).get(planes, c * plane, plane);
            } else {
                for (int y = 0; y < h; y++) {
                    data.position((long) y * stride).get(planes, c * plane + y * w, w);
                }
            }
        }
    }
}
