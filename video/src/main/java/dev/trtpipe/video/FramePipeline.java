package dev.trtpipe.video;

import dev.trtpipe.detect.SettingFact;
import dev.trtpipe.detect.preprocess.PixelMemory;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Runs a video through per-frame work on several threads while one thread decodes: the decoder takes a
 * reference to each wanted frame as FFmpeg decoded it and moves on; workers convert it to RGB, into a recycled
 * buffer, and do the work (detect); the results come back to the caller's thread in frame order. The
 * decoding thread does nothing per frame but decode, so with a fast engine decoding alone sets the pace.
 * A worker converts the frame straight into the memory its work reads ({@link FrameWork#pixelMemory()}: pinned
 * memory when the GPU resizes), in blocks recycled from frame to frame.
 * Every {@code every}-th decoded frame (index 0, N, 2N, …) is worked on; the frames between are decoded (a
 * video cannot be read otherwise) but not converted.
 *
 * <p>A frame's pixels (the {@code RgbImage} {@link VideoFrame#toRgb()} gives) are valid until the result handler
 * has returned for that frame; then the image is closed and its memory reused for a later frame. Copy what you
 * keep longer ({@link VideoFrame#rgbPlanes()}).
 */
public final class FramePipeline {

    /** The work on one frame, on a worker thread; each worker gets its own (detectors are not thread-safe). */
    @FunctionalInterface
    public interface FrameWork<R> {
        R apply(VideoFrame frame) throws IOException;

        /**
         * Where this work wants the frames' pixels made, so that they are converted straight into the memory it
         * reads from (pinned memory for a GPU that resizes the frame itself: see
         * {@code BatchDetector.pixelMemory()}). The heap by default. The pipeline recycles the blocks itself.
         */
        default PixelMemory pixelMemory() {
            return PixelMemory.HEAP;
        }

        /** {@code work}, with the frames made in {@code memory}. */
        static <R> FrameWork<R> readingFrom(PixelMemory memory, FrameWork<R> work) {
            Objects.requireNonNull(memory, "memory");
            Objects.requireNonNull(work, "work");
            return new FrameWork<>() {
                @Override
                public R apply(VideoFrame frame) throws IOException {
                    return work.apply(frame);
                }

                @Override
                public PixelMemory pixelMemory() {
                    return memory;
                }
            };
        }
    }

    /** Receives each frame's result on the caller's thread, in frame order; the frame's pixels are reused after it returns. */
    @FunctionalInterface
    public interface ResultHandler<R> {
        void handle(VideoFrame frame, R result) throws IOException;
    }

    /** Receives each frame on the caller's thread, in order (the one-worker form); its pixels are reused after it returns. */
    @FunctionalInterface
    public interface FrameHandler {
        void handle(VideoFrame frame) throws IOException;
    }

    /** What one run did. */
    public record Summary(long decoded, long handled, long corrupt, long dropped, int reconnects, Optional<SettingFact> lost, long nanos) {
        public double handledPerSecond() {
            return nanos == 0 ? 0 : handled * 1e9 / nanos;
        }
    }

    /** A worker's outcome for one frame: the converted frame and the work's result, or no frame if it could not be converted. */
    private record Done<R>(VideoFrame frame, R result) {
    }

    private record Pending<R>(DecodedFrame decoded, Future<Done<R>> done) {
    }

    /** A worker's job: convert and work on frame {@code seq}, handed over at {@code handedAt} (nanoTime). */
    @FunctionalInterface
    private interface Process<R> {
        Done<R> apply(DecodedFrame decoded, long seq, long handedAt);
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
     * @param workers   threads converting frames and doing the per-frame work
     * @param perWorker makes each worker's work (called once on each worker thread)
     * @throws IOException what the work or the handler threw; decoding stops with it
     */
    public static <R> Summary run(VideoReader reader, int every, long maxFrames, int workers, Supplier<FrameWork<R>> perWorker,
                                  ResultHandler<R> handler) throws IOException {
        return run(reader, every, maxFrames, workers, perWorker, handler, PipelineProbe.NONE);
    }

    /** As {@link #run(VideoReader, int, long, int, Supplier, ResultHandler)}, reporting each frame's stage times to {@code probe}. */
    public static <R> Summary run(VideoReader reader, int every, long maxFrames, int workers, Supplier<FrameWork<R>> perWorker,
                                  ResultHandler<R> handler, PipelineProbe probe) throws IOException {
        if (every < 1 || workers < 1) {
            throw new IllegalArgumentException("every and workers must be >= 1, got " + every + ", " + workers);
        }
        // bounded: the decoder runs at most this far ahead, which bounds the decoder buffers held and the RGB buffers made
        BlockingQueue<Optional<Pending<R>>> queue = new ArrayBlockingQueue<>(2 * workers + 2);
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "trtpipe-frame-worker");
            t.setDaemon(true);
            return t;
        });
        Queue<FrameConverter> converters = new ConcurrentLinkedQueue<>();
        Queue<Pending<R>> orphans = new ConcurrentLinkedQueue<>();
        FrameMemory memory = new FrameMemory();
        AtomicLong unconvertible = new AtomicLong();
        ThreadLocal<FrameWork<R>> work = ThreadLocal.withInitial(perWorker);
        ThreadLocal<FrameConverter> converter = ThreadLocal.withInitial(() -> {
            FrameConverter c = new FrameConverter();
            converters.add(c);
            return c;
        });
        Process<R> process = (decoded, seq, handedAt) -> {
            long taken = System.nanoTime();
            FrameWork<R> own = work.get();
            // a worker's first frame makes its work (a detector): counted as work, as before the memory came from it
            long made = System.nanoTime();
            FrameConverter ownConverter = converter.get();
            long inPlaceBefore = ownConverter.directFrames();
            VideoFrame frame;
            try {
                frame = decoded.convert(ownConverter, memory.recycling(own.pixelMemory()));
                if (ownConverter.directFrames() > inPlaceBefore) {
                    probe.convertedInPlace(seq);
                }
            } catch (IllegalArgumentException | ArithmeticException e) {
                // counted with the frames that fail to decode, as VideoReader.next counts them
                unconvertible.incrementAndGet();
                return new Done<>(null, null);
            }
            try {
                long converted = System.nanoTime();
                R result = own.apply(frame);
                probe.worked(seq, taken - handedAt, converted - made, System.nanoTime() - converted + (made - taken));
                return new Done<>(frame, result);
            } catch (IOException e) {
                frame.close();
                throw new CompletionException(e);
            } catch (RuntimeException | Error e) {
                frame.close();
                throw e;
            }
        };
        RuntimeException[] decodeFailure = new RuntimeException[1];
        long start = System.nanoTime();
        Thread decoder = new Thread(() -> {
            try {
                decode(reader, every, maxFrames, queue, orphans, pool, process, probe);
            } catch (RuntimeException e) {
                decodeFailure[0] = e;
            }
        }, "trtpipe-decode");
        decoder.setDaemon(true);
        decoder.start();
        long handled = 0;
        try {
            for (long seq = 0; ; seq++) {
                long waitStart = System.nanoTime();
                Optional<Pending<R>> next = queue.take();
                if (next.isEmpty()) {
                    break;
                }
                Done<R> done = next.get().done().get();
                if (done.frame() != null) {
                    try (VideoFrame frame = done.frame()) { // then its memory goes to a later frame
                        long handleStart = System.nanoTime();
                        handler.handle(frame, done.result());
                        long handleEnd = System.nanoTime();
                        probe.handled(seq, handleEnd, handleStart - waitStart, handleEnd - handleStart);
                        handled++;
                    }
                }
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
            // frames a failed run left unconverted still hold decoder buffers
            queue.forEach(p -> p.ifPresent(FramePipeline::release));
            orphans.forEach(FramePipeline::release);
            converters.forEach(FrameConverter::close);
            memory.close();
        }
        return new Summary(reader.decodedFrames(), handled, reader.corruptFrames() + unconvertible.get(), reader.droppedFrames(),
                reader.reconnects(), reader.lost(), System.nanoTime() - start);
    }

    /** A frame a failed run will not handle: its decoder buffer, and its image if a worker made one. */
    private static <R> void release(Pending<R> pending) {
        pending.decoded().close();
        Future<Done<R>> done = pending.done();
        if (done.isDone() && !done.isCancelled()) {
            try {
                Done<R> d = done.get();
                if (d.frame() != null) {
                    d.frame().close();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                // the worker failed and closed the frame itself
            }
        }
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
                                   Queue<Pending<R>> orphans, ExecutorService pool, Process<R> process, PipelineProbe probe) {
        try {
            // the end marker goes in whatever happens, so the caller never waits forever
            try {
                long seq = 0;
                long decodeStart = System.nanoTime();
                while (maxFrames == 0 || reader.decodedFrames() < maxFrames) {
                    boolean wanted = reader.decodedFrames() % every == 0;
                    Optional<DecodedFrame> next = reader.nextDecoded(wanted);
                    if (next.isEmpty()) {
                        break;
                    }
                    DecodedFrame decoded = next.get();
                    // after a skipped corrupt frame the reader may hand over a neighbour: only wanted indices count
                    if (!decoded.hasPicture() || decoded.index() % every != 0) {
                        decoded.close();
                        continue;
                    }
                    Pending<R> pending = null;
                    try {
                        long handedAt = System.nanoTime();
                        long frameSeq = seq++;
                        pending = new Pending<>(decoded, CompletableFuture.supplyAsync(() -> process.apply(decoded, frameSeq, handedAt), pool));
                        queue.put(Optional.of(pending));
                        long queued = System.nanoTime();
                        probe.decoded(frameSeq, handedAt, handedAt - decodeStart, queued - handedAt);
                        decodeStart = queued;
                    } catch (InterruptedException e) {
                        // not in the queue: released with the queue's frames once the workers have stopped (a worker
                        // may be converting it into an image right now)
                        if (pending != null) {
                            orphans.add(pending);
                        } else {
                            decoded.close();
                        }
                        // throwing cleared the caller's stop: set it again, or the end marker below would wait on a
                        // full queue that nobody takes from any more
                        Thread.currentThread().interrupt();
                        throw e;
                    } catch (RuntimeException e) {
                        decoded.close();
                        throw e;
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
