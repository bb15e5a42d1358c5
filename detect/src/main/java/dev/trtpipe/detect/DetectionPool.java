package dev.trtpipe.detect;

import dev.trtpipe.detect.preprocess.RgbImage;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Detects on many images with several threads over one {@link SharedBackend}: while one thread runs the
 * network, the others load, preprocess and post-process, so a fast backend (a TensorRT engine) is not
 * left waiting on the CPU stages of a single thread. Each worker has its own {@link Detector} (detectors
 * reuse their input buffer and are not thread-safe); the backend never sees more concurrent calls than it
 * has instances.
 *
 * <p>Results come back in input order. The pool itself is thread-safe. It does not own the backend:
 * close the pool first, then the backend.
 */
public final class DetectionPool implements AutoCloseable {

    /** An image already in memory, with the name that labels it in results and errors. */
    public record LabeledImage(String source, RgbImage image) {
        public LabeledImage {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(image, "image");
        }
    }

    /** Takes results in input order, on the thread that called the pool. */
    @FunctionalInterface
    public interface ResultSink {
        void accept(DetectionResult result) throws IOException;
    }

    /** One detection on a borrowed detector. */
    @FunctionalInterface
    private interface DetectTask {
        DetectionResult run(Detector detector) throws IOException;
    }

    /** An image's label and its detection, not yet submitted. */
    private record Job(String source, DetectTask task) {
    }

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final int threads;
    /** One detector per worker thread; a task borrows one, so none is used by two threads at once. */
    private final BlockingQueue<Detector> idle;
    private final ExecutorService executor;

    /**
     * @param backend   the network, shared by all workers
     * @param threads   worker threads, each with its own detector
     * @param detectors makes a detector over the backend it is given, e.g.
     *                  {@code b -> Detector.fromMetadata(name, b, settings)}
     * @throws IllegalArgumentException {@code threads < 1}, or a detector does not run on {@code backend}
     */
    public DetectionPool(SharedBackend backend, int threads, Function<? super SharedBackend, Detector> detectors) {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(detectors, "detectors");
        if (threads < 1) {
            throw new IllegalArgumentException("a detection pool needs at least one thread, got " + threads);
        }
        this.threads = threads;
        this.idle = new ArrayBlockingQueue<>(threads);
        for (int i = 0; i < threads; i++) {
            Detector detector = detectors.apply(backend);
            if (detector.backend() != backend) {
                // a detector on the unshared backend would let two threads into it at once
                throw new IllegalArgumentException("the detector factory must build detectors over the shared backend it is given");
            }
            idle.add(detector);
        }
        String prefix = "trtpipe-detect-" + POOLS.incrementAndGet() + "-";
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(threads, task -> {
            Thread t = new Thread(task, prefix + count.incrementAndGet());
            t.setDaemon(true); // a pool left open must not keep the JVM alive
            return t;
        });
    }

    public int threads() {
        return threads;
    }

    /** Detects on an image in memory; a failure arrives as an {@link ImageDetectionException} cause. */
    public Future<DetectionResult> submit(RgbImage image, String source) {
        return submit(source, detector -> detector.detect(image, source), new AtomicBoolean());
    }

    /** Loads and detects on an image file; a failure arrives as an {@link ImageDetectionException} cause. */
    public Future<DetectionResult> submit(Path image) {
        return submit(image.toString(), detector -> detector.detect(image), new AtomicBoolean());
    }

    /**
     * Detects on every image, returning the results in input order.
     *
     * @throws ImageDetectionException naming the first image (in input order) that failed; the images
     *                                 not started yet are skipped
     * @throws InterruptedIOException  interrupted (the interrupt status is kept)
     */
    public List<DetectionResult> detectAll(List<LabeledImage> images) throws IOException {
        List<DetectionResult> results = new ArrayList<>(images.size());
        run(images.stream().map(i -> new Job(i.source(), detector -> detector.detect(i.image(), i.source()))).toList(), results::add);
        return results;
    }

    /** Loads and detects on every file, returning the results in input order; errors as {@link #detectAll}. */
    public List<DetectionResult> detectFiles(List<Path> images) throws IOException {
        List<DetectionResult> results = new ArrayList<>(images.size());
        detectFiles(images, results::add);
        return results;
    }

    /**
     * Loads and detects on every file, handing each result to {@code sink} on the calling thread, in input
     * order, as soon as it and the ones before it are done. At most two images per thread are in flight,
     * so a folder of any size needs the memory of a few images, and the sink (printing, writing reports)
     * overlaps the detections that follow.
     *
     * @throws IOException what the sink threw, or as {@link #detectAll}; either way no further image is
     *                     handed to the sink and none is still running when this returns
     */
    public void detectFiles(List<Path> images, ResultSink sink) throws IOException {
        run(images.stream().map(i -> new Job(i.toString(), detector -> detector.detect(i))).toList(), sink);
    }

    /** @param abandoned once set, tasks not yet started return {@code null} without detecting */
    private Future<DetectionResult> submit(String source, DetectTask task, AtomicBoolean abandoned) {
        try {
            return executor.submit(() -> {
                if (abandoned.get()) {
                    return null;
                }
                Detector detector = idle.take(); // never waits: there are as many detectors as threads
                try {
                    return task.run(detector);
                } catch (Exception e) {
                    throw new ImageDetectionException(source, e);
                } finally {
                    idle.add(detector);
                }
            });
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the detection pool is closed", e);
        }
    }

    /**
     * Keeps up to {@code 2 · threads} jobs submitted and hands their results to the sink in order. After a
     * failure it submits nothing more but still waits for every job in flight, so that no detection is
     * running on the backend when this returns (the caller may close the backend next).
     */
    private void run(List<Job> jobs, ResultSink sink) throws IOException {
        AtomicBoolean abandoned = new AtomicBoolean();
        Deque<Future<DetectionResult>> inFlight = new ArrayDeque<>();
        int next = 0;
        Throwable failure = null;
        boolean interrupted = false;
        while (true) {
            while (!abandoned.get() && next < jobs.size() && inFlight.size() < 2 * threads) {
                Job job = jobs.get(next++);
                inFlight.addLast(submit(job.source(), job.task(), abandoned));
            }
            Future<DetectionResult> head = inFlight.peekFirst();
            if (head == null) {
                break;
            }
            try {
                DetectionResult result = head.get();
                inFlight.removeFirst();
                if (!abandoned.get()) {
                    sink.accept(result);
                }
            } catch (InterruptedException e) {
                interrupted = true; // get() cleared the status: the next get() waits again
                abandoned.set(true);
            } catch (ExecutionException e) {
                inFlight.removeFirst();
                abandoned.set(true);
                failure = failure == null ? e.getCause() : failure;
            } catch (IOException | RuntimeException e) {
                abandoned.set(true);
                failure = failure == null ? e : failure;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while detecting on " + jobs.size() + " images");
        }
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof RuntimeException e) { // from the sink: workers wrap theirs in ImageDetectionException
            throw e;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw new IOException("detection worker failed: " + failure, failure);
        }
    }

    /** Lets the images already submitted finish, then stops the threads. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            while (!executor.awaitTermination(1, TimeUnit.MINUTES)) {
                // a detection takes milliseconds; keep waiting rather than abandon native calls mid-flight
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
