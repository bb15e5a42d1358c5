package dev.trtpipe.detect;

import dev.trtpipe.detect.DetectionPool.LabeledImage;
import dev.trtpipe.detect.preprocess.ImageLoadException;
import dev.trtpipe.detect.preprocess.ImageLoader;
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
 * {@link DetectionPool}'s idea with batches: worker threads, each with its own {@link BatchDetector} over
 * one {@link SharedBackend}, load, preprocess and post-process batches of images while another batch is
 * on the network. For runs over folders: an image that cannot be read becomes an
 * {@link ImageOutcome.Failed} and the run goes on; outcomes come back in input order.
 *
 * <p>Thread-safe. It does not own the backend: close the pool first, then the backend.
 */
public final class BatchDetectionPool implements AutoCloseable {

    /** Takes outcomes in input order, on the thread that called {@link #detectFiles}. */
    @FunctionalInterface
    public interface OutcomeSink {
        void accept(ImageOutcome outcome) throws IOException;
    }

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final int threads;
    private final int batchSize;
    /** One batch detector per worker; a task borrows one, so none is used by two threads at once. */
    private final BlockingQueue<BatchDetector> idle;
    private final ExecutorService executor;

    /**
     * @param detectors makes a detector over the backend it is given, e.g.
     *                  {@code b -> Detector.fromMetadata(name, b, settings)}
     * @throws IllegalArgumentException {@code threads < 1}, a detector not over {@code backend}, or a batch
     *                                  size the backend does not take (see {@link BatchDetector})
     */
    public BatchDetectionPool(SharedBackend backend, int threads, int batchSize, Function<? super SharedBackend, Detector> detectors) {
        Objects.requireNonNull(backend, "backend");
        if (threads < 1) {
            throw new IllegalArgumentException("a detection pool needs at least one thread, got " + threads);
        }
        this.threads = threads;
        this.batchSize = batchSize;
        this.idle = new ArrayBlockingQueue<>(threads);
        for (int i = 0; i < threads; i++) {
            Detector detector = detectors.apply(backend);
            if (detector.backend() != backend) {
                throw new IllegalArgumentException("the detector factory must build detectors over the shared backend it is given");
            }
            idle.add(new BatchDetector(detector, batchSize));
        }
        String prefix = "trtpipe-batch-" + POOLS.incrementAndGet() + "-";
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

    public int batchSize() {
        return batchSize;
    }

    /** Detects on one batch of images in memory (at most {@link #batchSize()}); failures as {@link ImageDetectionException}. */
    public Future<List<DetectionResult>> submit(List<LabeledImage> batch) {
        List<LabeledImage> images = List.copyOf(batch);
        return submit(detectOn(images), new AtomicBoolean());
    }

    /**
     * Loads and detects on every file, {@link #batchSize()} at a time, handing one outcome per file to
     * {@code sink} in input order. At most two batches per thread are in flight, so a folder of any size
     * needs the memory of a few batches.
     *
     * @throws IOException the sink failed, or the network did (a model problem, not an image's): then no
     *                     further outcome is handed over and no batch is still running when this returns
     */
    public void detectFiles(List<Path> files, OutcomeSink sink) throws IOException {
        AtomicBoolean abandoned = new AtomicBoolean();
        Deque<Future<List<ImageOutcome>>> inFlight = new ArrayDeque<>();
        int next = 0;
        Throwable failure = null;
        boolean interrupted = false;
        while (true) {
            while (!abandoned.get() && next < files.size() && inFlight.size() < 2 * threads) {
                List<Path> batch = List.copyOf(files.subList(next, Math.min(files.size(), next + batchSize)));
                next += batch.size();
                inFlight.addLast(submit(loadAndDetect(batch), abandoned));
            }
            Future<List<ImageOutcome>> head = inFlight.peekFirst();
            if (head == null) {
                break;
            }
            try {
                List<ImageOutcome> outcomes = head.get();
                inFlight.removeFirst();
                if (!abandoned.get()) {
                    for (ImageOutcome outcome : outcomes) {
                        sink.accept(outcome);
                    }
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
            throw new InterruptedIOException("interrupted while detecting on " + files.size() + " images");
        }
        rethrow(failure);
    }

    private static void rethrow(Throwable failure) throws IOException {
        if (failure == null) {
            return;
        }
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        throw new IOException("detection worker failed: " + failure, failure);
    }

    /** One unit of work on a borrowed batch detector. */
    @FunctionalInterface
    private interface BatchTask<T> {
        T run(BatchDetector detector) throws IOException;
    }

    /** @param abandoned once set, tasks not yet started return {@code null} without detecting */
    private <T> Future<T> submit(BatchTask<T> task, AtomicBoolean abandoned) {
        try {
            return executor.submit(() -> {
                if (abandoned.get()) {
                    return null;
                }
                BatchDetector detector = idle.take(); // never waits: there are as many detectors as threads
                try {
                    return task.run(detector);
                } finally {
                    idle.add(detector);
                }
            });
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the detection pool is closed", e);
        }
    }

    private static BatchTask<List<DetectionResult>> detectOn(List<LabeledImage> images) {
        return detector -> {
            try {
                return detector.detect(images);
            } catch (IOException | RuntimeException e) {
                throw new ImageDetectionException(images.get(0).source() + (images.size() > 1 ? " (batch of " + images.size() + ")" : ""), e);
            }
        };
    }

    /** Reads each file (an unreadable one becomes a failed outcome) and detects on the readable ones in one batch. */
    private static BatchTask<List<ImageOutcome>> loadAndDetect(List<Path> files) {
        return detector -> {
            ImageOutcome[] outcomes = new ImageOutcome[files.size()];
            List<LabeledImage> loaded = new ArrayList<>(files.size());
            List<Integer> positions = new ArrayList<>(files.size());
            List<Long> loadNanos = new ArrayList<>(files.size());
            for (int i = 0; i < files.size(); i++) {
                Path file = files.get(i);
                long start = System.nanoTime();
                try {
                    loaded.add(new LabeledImage(file.toString(), ImageLoader.load(file)));
                    positions.add(i);
                    loadNanos.add(System.nanoTime() - start);
                } catch (ImageLoadException e) {
                    outcomes[i] = new ImageOutcome.Failed(file.toString(), e.getMessage());
                }
            }
            if (!loaded.isEmpty()) {
                List<DetectionResult> results = detectOn(loaded).run(detector);
                for (int k = 0; k < results.size(); k++) {
                    DetectionResult r = results.get(k);
                    StageTimings t = r.timings();
                    outcomes[positions.get(k)] = new ImageOutcome.Detected(new DetectionResult(r.source(), r.image(), r.detections(),
                            new StageTimings(loadNanos.get(k), t.preprocessNanos(), t.inferNanos(), t.postprocessNanos())));
                }
            }
            return List.of(outcomes);
        };
    }

    /** Lets the batches already submitted finish, then stops the threads. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            while (!executor.awaitTermination(1, TimeUnit.MINUTES)) {
                // a batch takes milliseconds; keep waiting rather than abandon native calls mid-flight
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
