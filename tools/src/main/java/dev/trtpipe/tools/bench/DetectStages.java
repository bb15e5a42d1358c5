package dev.trtpipe.tools.bench;

import dev.trtpipe.detect.DetectionPool;
import dev.trtpipe.detect.Detector;
import dev.trtpipe.detect.InferenceBackend;
import dev.trtpipe.detect.preprocess.RgbImage;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.ToIntFunction;

/**
 * The timed loops of {@code bench-detect}, each warmed up with a fifth of its budget first: the backend
 * alone, detection on one thread, and detection by a {@link DetectionPool}. The image is decoded once
 * beforehand, so file decoding (which depends on the image format, not on trtpipe) is not measured.
 */
final class DetectStages {

    /** One unit of work of a sequential loop. */
    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    private final Budget budget;

    DetectStages(Budget budget) {
        this.budget = budget;
    }

    /** {@code infer()} on an already preprocessed tensor: for an engine, copies in and out included. */
    Throughput backendOnly(InferenceBackend backend, float[] tensor, long[] shape) throws Exception {
        return sequential(() -> backend.infer(tensor, shape));
    }

    /** Preprocess, infer and post-process on the calling thread. */
    Throughput singleThread(Detector detector, RgbImage image, String source) throws Exception {
        return sequential(() -> detector.detect(image, source));
    }

    /** The pool kept full: twice as many images in flight as it has threads, so no worker waits for work. */
    Throughput pooled(DetectionPool pool, RgbImage image, String source) throws Exception {
        pooledLoop(pool, image, source, budget.warmup());
        return pooledLoop(pool, image, source, budget);
    }

    private Throughput sequential(Step step) throws Exception {
        sequentialLoop(step, budget.warmup());
        return sequentialLoop(step, budget);
    }

    private static Throughput sequentialLoop(Step step, Budget budget) throws Exception {
        long start = System.nanoTime();
        long done = 0;
        do {
            step.run();
            done++;
        } while (!budget.spent(done, System.nanoTime() - start));
        return new Throughput(done, (System.nanoTime() - start) / 1e9);
    }

    /** Submits while the budget lasts, then drains; the drain is part of the measured time. */
    private static Throughput pooledLoop(DetectionPool pool, RgbImage image, String source, Budget budget) throws Exception {
        return keptFull(2 * pool.threads(), () -> pool.submit(image, source), result -> 1, budget);
    }

    /**
     * Keeps {@code depth} submissions in flight while the budget (counted in submissions) lasts, then drains;
     * the drain is part of the measured time. Each finished submission counts {@code images(result)} images.
     */
    static <T> Throughput keptFull(int depth, Callable<Future<T>> submit, ToIntFunction<T> images, Budget budget) throws Exception {
        Deque<Future<T>> inFlight = new ArrayDeque<>(depth);
        long start = System.nanoTime();
        long submitted = 0;
        long done = 0;
        while (true) {
            while (inFlight.size() < depth && !budget.spent(submitted, System.nanoTime() - start)) {
                inFlight.addLast(submit.call());
                submitted++;
            }
            Future<T> next = inFlight.pollFirst();
            if (next == null) {
                break;
            }
            done += images.applyAsInt(await(next));
        }
        return new Throughput(done, (System.nanoTime() - start) / 1e9);
    }

    private static <T> T await(Future<T> result) throws Exception {
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
