package dev.trtpipe.video;

import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import dev.trtpipe.detect.preprocess.PixelMemory;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * A decoded frame not yet converted to RGB: a new reference to the decoder's picture ({@code av_frame_clone}
 * shares FFmpeg's reference-counted buffers, nothing is copied), so the decoding thread can hand the
 * conversion to a worker and move on. Thread-safe: a worker may convert it while the pipeline, shutting
 * down, closes it; whichever comes second finds it converted or closed.
 *
 * <p>Holds one of the decoder's frame buffers until closed: close it.
 */
final class DecodedFrame implements AutoCloseable {

    private final long index;
    private final long timestampMs;
    private final int width;
    private final int height;
    /** Null when nobody looks at this frame's pixels, and once closed. */
    private AVFrame picture;

    DecodedFrame(long index, long timestampMs, int width, int height, AVFrame picture) {
        this.index = index;
        this.timestampMs = timestampMs;
        this.width = width;
        this.height = height;
        this.picture = picture;
    }

    long index() {
        return index;
    }

    synchronized boolean hasPicture() {
        return picture != null;
    }

    /** The frame without pixels (for frames decoded only to get past them). */
    VideoFrame withoutPixels() {
        return VideoFrame.withoutPixels(index, timestampMs, width, height);
    }

    /**
     * Converts the picture into an image in a block of {@code memory} and releases the picture; the frame owns
     * the image: close it.
     *
     * @throws IllegalArgumentException it cannot be converted
     * @throws IllegalStateException    it was closed or converted already
     */
    synchronized VideoFrame convert(FrameConverter converter, PixelMemory memory) {
        if (picture == null) {
            throw new IllegalStateException("frame " + index + " was released before it was converted");
        }
        try {
            return new VideoFrame(index, timestampMs, width, height, converter.convert(picture, memory));
        } finally {
            close();
        }
    }

    @Override
    public synchronized void close() {
        if (picture != null) {
            av_frame_free(picture);
            picture = null;
        }
    }
}
