package dev.trtpipe.video;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacv.Frame;

/**
 * Copies the frame FFmpeg converted to planar GBR ({@code AV_PIX_FMT_GBRP}: the G, B and R planes, rows
 * possibly padded, in a buffer FFmpeg reuses for the next frame) into the R, G, B plane layout the
 * detector's {@code RgbImage} has: three bulk copies instead of a per-pixel shuffle, cheap enough for the
 * one decoding thread. JavaCV describes planar pictures poorly in {@link Frame} (one "channel", one plane's
 * limit), so the planes are read from the converted {@link AVFrame} it keeps in {@link Frame#opaque}.
 */
final class FramePixels {

    /** GBRP's plane index for R, G and B. */
    private static final int[] PLANE_OF = {2, 0, 1};

    private FramePixels() {
    }

    /** @throws IllegalArgumentException the frame is not the planar 8-bit picture the reader asked for */
    static byte[] rgbPlanes(Frame frame) {
        int w = frame.imageWidth;
        int h = frame.imageHeight;
        if (!(frame.opaque instanceof AVFrame picture) || frame.imageDepth != Frame.DEPTH_UBYTE || w <= 0 || h <= 0) {
            throw new IllegalArgumentException("not a planar 8-bit frame (" + w + "x" + h + ", depth " + frame.imageDepth + ")");
        }
        int plane = w * h;
        byte[] planes = new byte[3 * plane];
        for (int c = 0; c < 3; c++) {
            BytePointer data = picture.data(PLANE_OF[c]);
            int stride = picture.linesize(PLANE_OF[c]);
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
        return planes;
    }
}
