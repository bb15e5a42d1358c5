package dev.trtpipe.video;

import dev.trtpipe.detect.preprocess.RgbImage;

/**
 * One decoded frame: its index among the source's decoded frames (0-based, counting the ones skipped by
 * {@code --every} and continuing across reconnects), its presentation time in milliseconds, and its pixels
 * as FFmpeg delivered them (packed BGR, rows without padding). The conversion to the detector's planar RGB
 * is left to {@link #toRgb()}, so that it runs on the worker threads rather than the one decoding thread.
 */
public record VideoFrame(long index, long timestampMs, int width, int height, byte[] bgr) {

    public VideoFrame {
        if (bgr != null && bgr.length != 3L * width * height) {
            throw new IllegalArgumentException("expected " + 3L * width * height + " BGR bytes, got " + bgr.length);
        }
    }

    /** Whether the pixels were kept (the reader skips them for frames nobody looks at). */
    public boolean hasPixels() {
        return bgr != null;
    }

    /** The planar RGB image the detector reads. */
    public RgbImage toRgb() {
        if (bgr == null) {
            throw new IllegalStateException("frame " + index + " was decoded without keeping its pixels");
        }
        int plane = width * height;
        byte[] planes = new byte[3 * plane];
        for (int i = 0; i < plane; i++) {
            planes[i] = bgr[3 * i + 2];
            planes[plane + i] = bgr[3 * i + 1];
            planes[2 * plane + i] = bgr[3 * i];
        }
        return RgbImage.ofPlanes(width, height, planes);
    }
}
