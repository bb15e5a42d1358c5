package dev.trtpipe.detect;

import dev.trtpipe.detect.preprocess.RgbImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
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

    private final OrderedWorkers<Detector> workers;

    /**
     * @param backend   the network, shared by all workers
     * @param threads   worker threads, each with its own detector
     * @param detectors makes a detector over the backend it is given, e.g.
     *                  {@code b -> Detector.fromMetadata(name, b, settings)}
     * @throws IllegalArgumentException {@code threads < 1}, or a detector does not run on {@code backend}
     */
    public DetectionPool(SharedBackend backend, int threads, Function<? super SharedBackend, Detector> detectors) {
        this.workers = new OrderedWorkers<>("trtpipe-detect-", OrderedWorkers.detectorsOver(backend, threads, detectors));
    }

    public int threads() {
        return workers.threads();
    }

    /** Detects on an image in memory; a failure arrives as an {@link ImageDetectionException} cause. */
    public Future<DetectionResult> submit(RgbImage image, String source) {
        return workers.submit(named(source, detector -> detector.detect(image, source)), new AtomicBoolean());
    }

    /** Loads and detects on an image file; a failure arrives as an {@link ImageDetectionException} cause. */
    public Future<DetectionResult> submit(Path image) {
        return workers.submit(named(image.toString(), detector -> detector.detect(image)), new AtomicBoolean());
    }

    /**
     * Detects on every image, returning the results in input order.
     *
     * @throws ImageDetectionException naming the first image (in input order) that failed; the images
     *                                 not started yet are skipped
     * @throws java.io.InterruptedIOException interrupted (the interrupt status is kept)
     */
    public List<DetectionResult> detectAll(List<LabeledImage> images) throws IOException {
        List<DetectionResult> results = new ArrayList<>(images.size());
        workers.runInOrder(images.stream().map(i -> named(i.source(), detector -> detector.detect(i.image(), i.source()))).toList(),
                results::add, "detecting on " + images.size() + " images");
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
        workers.runInOrder(images.stream().map(i -> named(i.toString(), detector -> detector.detect(i))).toList(),
                sink::accept, "detecting on " + images.size() + " images");
    }

    /** A task whose failure names its image. */
    private static OrderedWorkers.Task<Detector, DetectionResult> named(String source, DetectTask task) {
        return detector -> {
            try {
                return task.run(detector);
            } catch (Exception e) {
                throw new ImageDetectionException(source, e);
            }
        };
    }

    /** Lets the images already submitted finish, then stops the threads. */
    @Override
    public void close() {
        workers.close();
    }
}
