package dev.trtpipe.video;

import dev.trtpipe.detect.preprocess.RgbImage;
import java.nio.ByteBuffer;

/**
 * One decoded frame: its index among the source's decoded frames (0-based, counting the ones skipped by
 * {@code --every} and continuing across reconnects), its presentation time in milliseconds, and its pixels
 * as an {@link RgbImage} (R, G and B planes) — null when the reader was told nobody looks at them.
 *
 * <p>A {@link FramePipeline} converts each frame straight into an image in the memory the detector reads from
 * (pinned memory for a GPU that resizes it itself) and closes it once the frame's result is handled, so its
 * memory goes to a later frame; {@link VideoReader#next} gives images on the heap, which closing leaves alone.
 */
public record VideoFrame(long index, long timestampMs, int width, int height, RgbImage image) implements AutoCloseable {

    public VideoFrame {
        if (image != null && (image.width() != width || image.height() != height)) {
            throw new IllegalArgumentException("a " + image.width() + "x" + image.height() + " image for a " + width + "x" + height + " frame");
        }
    }

    /**
     * A frame over {@code rgbPlanes} ({@code 3 · width · height} bytes: the R plane, then G, then B), which it
     * reads in place (not a copy).
     */
    public VideoFrame(long index, long timestampMs, int width, int height, byte[] rgbPlanes) {
        this(index, timestampMs, width, height, RgbImage.wrap(width, height, rgbPlanes));
    }

    /** A frame decoded only to get past it. */
    static VideoFrame withoutPixels(long index, long timestampMs, int width, int height) {
        return new VideoFrame(index, timestampMs, width, height, (RgbImage) null);
    }

    /** Whether the pixels were kept. */
    public boolean hasPixels() {
        return image != null;
    }

    /**
     * A copy of the pixels, R plane then G then B (rows unpadded), on the heap: what to keep beyond the frame's
     * life in a pipeline. Null when the pixels were not kept.
     */
    public byte[] rgbPlanes() {
        if (image == null) {
            return null;
        }
        ByteBuffer view = image.planesView();
        byte[] copy = new byte[view.remaining()];
        view.get(copy);
        return copy;
    }

    /**
     * The image the detector reads (not a copy: in a {@link FramePipeline} it is closed, its memory reused, once
     * the frame's result is handled).
     */
    public RgbImage toRgb() {
        if (image == null) {
            throw new IllegalStateException("frame " + index + " was decoded without keeping its pixels");
        }
        return image;
    }

    /** Gives the image's memory back (nothing for a heap image, or no image). */
    @Override
    public void close() {
        if (image != null) {
            image.close();
        }
    }
}
