package dev.trtpipe.video;

import dev.trtpipe.detect.preprocess.RgbImage;
import java.nio.ByteBuffer;
import org.bytedeco.javacv.Frame;

/**
 * FFmpeg's BGR24 frame (interleaved rows, possibly padded to {@code imageStride}) as the planar RGB image
 * the detector reads: one pass, no detour through a {@code BufferedImage}.
 */
final class FramePixels {

    private FramePixels() {
    }

    /** @throws IllegalArgumentException the frame is not 8-bit, 3-channel (a corrupt or unexpected frame) */
    static RgbImage toRgb(Frame frame) {
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
        byte[] row = new byte[3 * w];
        byte[] planes = new byte[3 * w * h];
        int plane = w * h;
        for (int y = 0; y < h; y++) {
            src.position(y * stride);
            src.get(row);
            int o = y * w;
            for (int x = 0; x < w; x++) {
                planes[o + x] = row[3 * x + 2];
                planes[plane + o + x] = row[3 * x + 1];
                planes[2 * plane + o + x] = row[3 * x];
            }
        }
        return RgbImage.ofPlanes(w, h, planes);
    }
}
