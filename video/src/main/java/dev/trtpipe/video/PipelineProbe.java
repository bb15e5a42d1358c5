package dev.trtpipe.video;

/**
 * What a {@link FramePipeline} run reports about each frame it works on, for timing it: where a frame's time
 * goes (decoding, the decoder blocked on a full hand-over queue, waiting for a worker, conversion, the work,
 * the caller's handler) and when each frame left the decoder and its result was handled. Called on the
 * thread named by each method, so an implementation must be thread-safe; keep it cheap, it runs per frame.
 * {@link #NONE} records nothing. {@code seq} numbers the frames handed to the workers: 0, 1, 2, … in frame
 * order.
 */
public interface PipelineProbe {

    /** Records nothing. */
    PipelineProbe NONE = new PipelineProbe() {
    };

    /**
     * Decoding thread: frame {@code seq} was decoded and is handed over.
     *
     * @param at          {@link System#nanoTime()} when it came out of the decoder
     * @param decodeNanos spent in the decoder for it (frames skipped on the way included)
     * @param blockedNanos then spent waiting for room in the hand-over queue (the workers are behind)
     */
    default void decoded(long seq, long at, long decodeNanos, long blockedNanos) {
    }

    /**
     * Worker thread: frame {@code seq} was converted and worked on.
     *
     * @param waitedNanos  from its hand-over until a worker took it
     * @param convertNanos its conversion to RGB planes (a frame buffer taken, swscale, the copy out)
     * @param workNanos    the per-frame work (detection)
     */
    default void worked(long seq, long waitedNanos, long convertNanos, long workNanos) {
    }

    /**
     * Worker thread: swscale wrote frame {@code seq} straight into the image its work reads (native memory, e.g.
     * the engine's pinned memory: no copy after the conversion). Not called for frames converted and then copied.
     */
    default void convertedInPlace(long seq) {
    }

    /**
     * Caller's thread: frame {@code seq}'s result was handled.
     *
     * @param at          {@link System#nanoTime()} when the handler returned
     * @param waitedNanos waiting for the frame's result (it or an earlier frame was still being worked on)
     * @param handleNanos in the handler
     */
    default void handled(long seq, long at, long waitedNanos, long handleNanos) {
    }
}
