package dev.trtpipe.detect;

import dev.trtpipe.detect.DetectionPool.LabeledImage;
import dev.trtpipe.detect.preprocess.ImageLoadException;
import dev.trtpipe.detect.preprocess.ImageLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
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

    private final int batchSize;
    private final OrderedWorkers<BatchDetector> workers;

    /**
     * @param detectors makes a detector over the backend it is given, e.g.
     *                  {@code b -> Detector.fromMetadata(name, b, settings)}
     * @throws IllegalArgumentException {@code threads < 1}, a detector not over {@code backend}, or a batch
     *                                  size the backend does not take (see {@link BatchDetector})
     */
    public BatchDetectionPool(SharedBackend backend, int threads, int batchSize, Function<? super SharedBackend, Detector> detectors) {
        this(backend, threads, batchSize, detectors, BatchDetector.InputPreparation.HOST);
    }

    /**
     * A pool whose batches' input is made where {@code preparation} says (see {@link BatchDetector}).
     *
     * @throws IllegalArgumentException as above, or the backend cannot make the input itself
     */
    public BatchDetectionPool(SharedBackend backend, int threads, int batchSize, Function<? super SharedBackend, Detector> detectors,
                              BatchDetector.InputPreparation preparation) {
        this.batchSize = batchSize;
        List<BatchDetector> batchDetectors = OrderedWorkers.detectorsOver(backend, threads, detectors).stream()
                .map(d -> new BatchDetector(d, batchSize, preparation)).toList();
        this.workers = new OrderedWorkers<>("trtpipe-batch-", batchDetectors);
    }

    public int threads() {
        return workers.threads();
    }

    public int batchSize() {
        return batchSize;
    }

    /** Detects on one batch of images in memory (at most {@link #batchSize()}); failures as {@link ImageDetectionException}. */
    public Future<List<DetectionResult>> submit(List<LabeledImage> batch) {
        return workers.submit(detectOn(List.copyOf(batch)), new AtomicBoolean());
    }

    /**
     * Loads and detects on every file, {@link #batchSize()} at a time, handing one outcome per file to
     * {@code sink} in input order. At most two batches per thread are in flight, so a folder of any size
     * needs the memory of a few batches.
     *
     * <p>Images are loaded into the detectors' {@link BatchDetector#pixelMemory()} (pinned memory when the GPU
     * prepares the input) and closed once {@code sink} has taken their outcome: a sink that keeps an outcome's
     * pixels beyond that copies them ({@code image().copyIn(PixelMemory.HEAP)}); width and height stay readable.
     *
     * @throws IOException the sink failed, or the network did (a model problem, not an image's): then no
     *                     further outcome is handed over and no batch is still running when this returns
     */
    public void detectFiles(List<Path> files, OutcomeSink sink) throws IOException {
        List<OrderedWorkers.Task<BatchDetector, List<ImageOutcome>>> tasks = new ArrayList<>();
        for (int from = 0; from < files.size(); from += batchSize) {
            tasks.add(loadAndDetect(List.copyOf(files.subList(from, Math.min(files.size(), from + batchSize)))));
        }
        workers.runInOrder(tasks, outcomes -> {
            for (ImageOutcome outcome : outcomes) {
                try {
                    sink.accept(outcome);
                } finally {
                    if (outcome instanceof ImageOutcome.Detected detected) {
                        detected.result().image().close(); // pinned pixels go back to the pool (a heap image ignores it)
                    }
                }
            }
        }, "detecting on " + files.size() + " images");
    }

    private static OrderedWorkers.Task<BatchDetector, List<DetectionResult>> detectOn(List<LabeledImage> images) {
        return detector -> {
            try {
                return detector.detect(images);
            } catch (IOException | RuntimeException e) {
                throw new ImageDetectionException(images.get(0).source() + (images.size() > 1 ? " (batch of " + images.size() + ")" : ""), e);
            }
        };
    }

    /** Reads each file (an unreadable one becomes a failed outcome) and detects on the readable ones in one batch. */
    private static OrderedWorkers.Task<BatchDetector, List<ImageOutcome>> loadAndDetect(List<Path> files) {
        return detector -> {
            ImageOutcome[] outcomes = new ImageOutcome[files.size()];
            List<LabeledImage> loaded = new ArrayList<>(files.size());
            List<Integer> positions = new ArrayList<>(files.size());
            List<Long> loadNanos = new ArrayList<>(files.size());
            for (int i = 0; i < files.size(); i++) {
                Path file = files.get(i);
                long start = System.nanoTime();
                try {
                    loaded.add(new LabeledImage(file.toString(), ImageLoader.load(file, detector.pixelMemory())));
                    positions.add(i);
                    loadNanos.add(System.nanoTime() - start);
                } catch (ImageLoadException e) {
                    outcomes[i] = new ImageOutcome.Failed(file.toString(), e.getMessage());
                }
            }
            if (!loaded.isEmpty()) {
                List<DetectionResult> results;
                try {
                    results = detectOn(loaded).run(detector);
                } catch (Exception | Error e) {
                    loaded.forEach(l -> l.image().close()); // no outcome will carry them to the sink, which closes them
                    throw e;
                }
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
        workers.close();
    }
}
