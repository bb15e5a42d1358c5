package dev.trtpipe.video;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs a video through per-frame work on several threads while one thread decodes: the decoder copies each
 * wanted frame out of FFmpeg and moves on; workers convert and detect; the results come back to the caller's
 * thread in frame order. With a fast engine the decoder then sets the pace. Every {@code every}-th decoded
 * frame (index 0, N, 2N, …) is worked on; the frames between are decoded (a video cannot be read otherwise)
 * but their pixels are not copied.
 */
public final class FramePipeline {

    /** The work on one frame, on a worker thread; each worker gets its own (detectors are not thread-safe). */
    @FunctionalInterface
    public interface FrameWork<R> {
        R apply(VideoFrame frame) throws IOException;
    }

    /** Receives each frame's result on the caller's thread, in frame order. */
    @FunctionalInterface
    public interface ResultHandler<R> {
        void handle(VideoFrame frame, R result) throws IOException;
    }

    /** Receives each frame on the caller's thread, in order (the one-worker form). */
    @FunctionalInterface
    public interface FrameHandler {
        void handle(VideoFrame frame) throws IOException;
    }

    /** What one run did. */
    public record Summary(long decoded, long handled, long corrupt, long dropped, int reconnects, Optional<String> lost, long nanos) {
        public double handledPerSecond() {
            return nanos == 0 ? 0 : handled * 1e9 / nanos;
        }
    }

    private record Pending<R>(VideoFrame frame, Future<R> result) {
    }

    private FramePipeline() {
    }

    /** The handler does the work itself, on the caller's thread, while the next frames decode. */
    public static Summary run(VideoReader reader, int every, long maxFrames, FrameHandler handler) throws IOException {
        return run(reader, every, maxFrames, 1, () -> frame -> Boolean.TRUE, (frame, unused) -> handler.handle(frame));
    }

    /**
     * Runs {@code reader} to its end (or loss).
     *
     * @param maxFrames stop after this many decoded frames (0: no limit), e.g. to sample a live stream
     * @param workers   threads doing the per-frame work
     * @param perWorker makes each worker's work (called once on each worker thread)
     * @throws IOException what the work or the handler threw; decoding stops with it
     */
    public static <R> Summary run(VideoReader reader, int every, long maxFrames, int workers, Supplier<FrameWork<R>> perWorker,
                                  ResultHandler<R> handler) throws IOException {
        if (every < 1 || workers < 1) {
            throw new IllegalArgumentException("every and workers must be >= 1, got " + every + ", " + workers);
        }
        // bounded: the decoder runs at most this far ahead, which bounds memory (a 1080p frame is 6 MB)
        BlockingQueue<Optional<Pending<R>>> queue = new ArrayBlockingQueue<>(2 * workers + 2);
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "trtpipe-frame-worker");
            t.setDaemon(true);
            return t;
        });
        ThreadLocal<FrameWork<R>> work = ThreadLocal.withInitial(perWorker);
        RuntimeException[] decodeFailure = new RuntimeException[1];
        long start = System.nanoTime();
        Thread decoder = new Thread(() -> {
            try {
                decode(reader, every, maxFrames, queue, pool, work);
            } catch (RuntimeException e) {
                decodeFailure[0] = e;
            }
        }, "trtpipe-decode");
        decoder.setDaemon(true);
        decoder.start();
        long handled = 0;
        try {
            while (true) {
                Optional<Pending<R>> next = queue.take();
                if (next.isEmpty()) {
                    break;
                }
                handler.handle(next.get().frame(), next.get().result().get());
                handled++;
            }
            decoder.join();
            if (decodeFailure[0] != null) {
                throw new IOException(reader.source() + ": decoding failed: " + decodeFailure[0].getMessage(), decodeFailure[0]);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(reader.source() + ": interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(reader.source() + ": " + cause, cause);
        } finally {
            // the caller closes the reader and the model next: neither thread may still be inside them
            decoder.interrupt();
            pool.shutdownNow();
            awaitQuietly(decoder, pool);
        }
        return new Summary(reader.decodedFrames(), handled, reader.corruptFrames(), reader.droppedFrames(), reader.reconnects(), reader.lostReason(),
                System.nanoTime() - start);
    }

    private static void awaitQuietly(Thread decoder, ExecutorService pool) {
        boolean interrupted = false;
        while (true) {
            try {
                decoder.join(); // at most one blocking read (bounded by the stream's I/O timeout)
                pool.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS); // at most one detection per worker
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static <R> void decode(VideoReader reader, int every, long maxFrames, BlockingQueue<Optional<Pending<R>>> queue,
                                   ExecutorService pool, ThreadLocal<FrameWork<R>> work) {
        try {
            // the end marker goes in whatever happens, so the caller never waits forever
            try {
                while (maxFrames == 0 || reader.decodedFrames() < maxFrames) {
                    boolean wanted = reader.decodedFrames() % every == 0;
                    Optional<VideoFrame> next = reader.next(wanted);
                    if (next.isEmpty()) {
                        break;
                    }
                    VideoFrame frame = next.get();
                    // after a skipped corrupt frame the reader may hand over a neighbour: only wanted indices count
                    if (frame.hasPixels() && frame.index() % every == 0) {
                        queue.put(Optional.of(new Pending<>(frame, CompletableFuture.supplyAsync(() -> {
                            try {
                                return work.get().apply(frame);
                            } catch (IOException e) {
                                throw new CompletionException(e);
                            }
                        }, pool))));
                    }
                }
            } finally {
                queue.put(Optional.empty());
            }
        } catch (InterruptedException e) {
            // the caller failed and the run is over
        }
    }
}
