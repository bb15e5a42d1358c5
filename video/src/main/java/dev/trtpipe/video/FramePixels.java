package dev.trtpipe.video;

import java.nio.ByteBuffer;
import org.bytedeco.javacv.Frame;

/**
 * Copies FFmpeg's BGR24 frame (rows possibly padded to {@code imageStride}, in a buffer FFmpeg reuses for
 * the next frame) into a packed array of its own: one bulk copy per row, cheap enough for the decoding
 * thread.
 */
final class FramePixels {

    private FramePixels() {
    }

    /** @throws IllegalArgumentException the frame is not 8-bit, 3-channel (a corrupt or unexpected frame) */
    static byte[] packedBgr(Frame frame) {
        if (frame.image == null || frame.imageChannels != 3 || frame.imageDepth != Frame.DEPTH_UBYTE
                || frame.imageWidth <= 0 || frame.imageHeight <= 0) {
            throw new IllegalArgumentException("not an 8-bit BGR frame (" + frame.imageWidth + "x" + frame.imageHeight
                    + ", " + frame.imageChannels + " channels, depth " + frame.imageDepth + ")");
        }
        int w = frame.imageWidth;
        int h = frame.imageHeight;
        int stride = frame.imageStride;
        ByteBuffer src = ((ByteBuffer) frame.image[0]).duplicate();
        if (stride < 3 * w || src.limit() < (long) stride * (h - 1) + 3L * w) {
            throw new IllegalArgumentException("frame buffer too small for " + w + "x" + h);
        }
        byte[] bgr = new byte[3 * w * h];
        if (stride == 3 * w) {
            src.position(0);
            src.get(bgr);
            return bgr;
        }
        for (int y = 0; y < h; y++) {
            src.position(y * stride);
            src.get(bgr, y * 3 * w, 3 * w);
        }
        return bgr;
    }
}
