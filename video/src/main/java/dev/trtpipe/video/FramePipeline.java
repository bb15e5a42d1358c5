package dev.trtpipe.video;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Decodes on one thread while the caller's handler (the detector) works on another, so that decoding a
 * frame overlaps detecting the previous one: with a fast engine the decoder then sets the pace. Every
 * {@code every}-th decoded frame (index 0, N, 2N, …) goes to the handler, in order; the frames between are
 * decoded (a video cannot be read otherwise) but not converted.
 */
public final class FramePipeline {

    /** Frames decoded ahead of the handler: enough to absorb jitter, few enough to keep latency and memory low. */
    private static final int QUEUE = 4;

    @FunctionalInterface
    public interface FrameHandler {
        void handle(VideoFrame frame) throws IOException;
    }

    /** What one run did. */
    public record Summary(long decoded, long handled, long corrupt, int reconnects, Optional<String> lost, long nanos) {
        public double handledPerSecond() {
            return nanos == 0 ? 0 : handled * 1e9 / nanos;
        }

        public double decodedPerSecond() {
            return nanos == 0 ? 0 : decoded * 1e9 / nanos;
        }
    }

    private FramePipeline() {
    }

    /**
     * Runs {@code reader} to its end (or loss) through {@code handler}.
     *
     * @param maxFrames stop after this many decoded frames (0: no limit), e.g. to sample a live stream
     * @throws IOException what the handler threw; decoding stops with it
     */
    public static Summary run(VideoReader reader, int every, long maxFrames, FrameHandler handler) throws IOException {
        if (every < 1) {
            throw new IllegalArgumentException("every must be >= 1, got " + every);
        }
        BlockingQueue<Optional<VideoFrame>> queue = new ArrayBlockingQueue<>(QUEUE);
        long start = System.nanoTime();
        RuntimeException[] decodeFailure = new RuntimeException[1];
        Thread decoder = new Thread(() -> {
            try {
                decode(reader, every, maxFrames, queue);
            } catch (RuntimeException e) {
                decodeFailure[0] = e;
            }
        }, "trtpipe-decode-" + reader.source());
        decoder.setDaemon(true);
        decoder.start();
        long handled = 0;
        try {
            while (true) {
                Optional<VideoFrame> next = queue.take();
                if (next.isEmpty()) {
                    break;
                }
                handler.handle(next.get());
                handled++;
            }
            decoder.join();
            if (decodeFailure[0] != null) {
                throw new IOException(reader.source() + ": decoding failed: " + decodeFailure[0].getMessage(), decodeFailure[0]);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(reader.source() + ": interrupted", e);
        } finally {
            decoder.interrupt();
        }
        return new Summary(reader.decodedFrames(), handled, reader.corruptFrames(), reader.reconnects(), reader.lostReason(),
                System.nanoTime() - start);
    }

    private static void decode(VideoReader reader, int every, long maxFrames, BlockingQueue<Optional<VideoFrame>> queue) {
        try {
            // the end marker goes in whatever happens, so the handler's side never waits forever
            try {
                while (maxFrames == 0 || reader.decodedFrames() < maxFrames) {
                    boolean wanted = reader.decodedFrames() % every == 0;
                    Optional<VideoFrame> frame = reader.next(wanted);
                    if (frame.isEmpty()) {
                        break;
                    }
                    // a skipped conversion fails over to the next frame: only frames the reader converted carry an image
                    if (frame.get().image() != null && frame.get().index() % every == 0) {
                        queue.put(frame);
                    }
                }
            } finally {
                queue.put(Optional.empty());
            }
        } catch (InterruptedException e) {
            // the handler failed and the run is over
        }
    }
}
