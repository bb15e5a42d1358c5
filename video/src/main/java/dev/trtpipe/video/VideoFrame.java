package dev.trtpipe.video;

import dev.trtpipe.detect.preprocess.RgbImage;

/**
 * One decoded frame: its index among the source's decoded frames (0-based, counting the ones skipped by
 * {@code --every} and continuing across reconnects), its presentation time in milliseconds, and its pixels
 * as R, G and B planes (rows without padding) — null when the reader was told nobody looks at them.
 */
public record VideoFrame(long index, long timestampMs, int width, int height, byte[] rgbPlanes) {

    public VideoFrame {
        if (rgbPlanes != null && rgbPlanes.length != 3L * width * height) {
            throw new IllegalArgumentException("expected " + 3L * width * height + " bytes of RGB planes, got " + rgbPlanes.length);
        }
    }

    /** Whether the pixels were kept. */
    public boolean hasPixels() {
        return rgbPlanes != null;
    }

    /**
     * The image the detector reads, over this frame's planes (not a copy: in a {@link FramePipeline} the
     * planes are reused once the frame's result is handled).
     */
    public RgbImage toRgb() {
        if (rgbPlanes == null) {
            throw new IllegalStateException("frame " + index + " was decoded without keeping its pixels");
        }
        return RgbImage.wrap(width, height, rgbPlanes);
    }
}
