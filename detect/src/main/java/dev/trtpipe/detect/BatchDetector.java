package dev.trtpipe.detect;

import dev.trtpipe.detect.DetectionPool.LabeledImage;
import dev.trtpipe.detect.postprocess.Detection;
import dev.trtpipe.detect.preprocess.ImagePlacement;
import dev.trtpipe.detect.preprocess.PixelMemory;
import dev.trtpipe.detect.preprocess.Preprocessor;
import dev.trtpipe.detect.preprocess.RgbImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Up to {@code batchSize} images per network call, over a {@link Detector}'s own pre- and post-processing:
 * every image is preprocessed into its item of one NCHW tensor, the backend runs once, and each item is
 * post-processed as the detector would. A small network on a large GPU is launch-bound at batch 1; a
 * batch spreads the launch over N images.
 *
 * <p>A dynamic batch dimension runs at the number of images given (the last, partial batch of a run
 * included); a fixed one at its size, with zeros in the unused items. Not thread-safe (one input buffer,
 * like {@link Detector}): use one per thread, see {@link BatchDetectionPool}.
 */
public final class BatchDetector {

    /** Where a batch's network input is made from its images. */
    public enum InputPreparation {
        /** On the CPU, by the detector's pipeline, into a float tensor the backend copies to its device. */
        HOST,
        /**
         * By the backend itself from the 8-bit images ({@link DarknetInputBackend}, e.g. a CUDA kernel writing
         * the engine's input binding): darknet models on backends that can, the same values as {@link #HOST}.
         */
        BACKEND
    }

    private final Detector detector;
    private final int batchSize;
    private final long fixedBatch;
    private final float[] input;
    /** Set for {@link InputPreparation#BACKEND}: the backend then makes the input, {@link #input} stays unused. */
    private final DarknetInputBackend backendInputs;
    /** What the backend converts the outputs into with {@link #backendInputs}: post-processed before the next call. */
    private final OutputArrays outputArrays = new OutputArrays();
        /** Set with {@link #backendInputs}: says where each image lands in the input the backend makes. */
    private final Preprocessor darknetPreprocessor;
    /** With {@link #backendInputs} on raw YOLO heads: the anchors the backend need bring back (else null). */
    private final CandidateFilter candidateFilter;

    /**
     * @throws IllegalArgumentException {@code batchSize < 1}, or larger than the backend takes (a fixed
     *                                  batch, an engine's profile); the message says how to get a larger one
     */
    public BatchDetector(Detector detector, int batchSize) {
        this(detector, batchSize, InputPreparation.HOST);
    }

    /**
     * @throws IllegalArgumentException as above, or {@link InputPreparation#BACKEND} for a backend that cannot
     *                                  prepare the input or a model that is not a darknet model
     */
    public BatchDetector(Detector detector, int batchSize, InputPreparation preparation) {
        this.detector = Objects.requireNonNull(detector, "detector");
        this.batchSize = checkBatchSize(detector, batchSize);
        long declared = detector.backend().input().shape()[0];
        this.fixedBatch = declared > 0 ? declared : 0;
        boolean onBackend = Objects.requireNonNull(preparation, "preparation") == InputPreparation.BACKEND;
        this.backendInputs = onBackend ? backendInputs(detector) : null;
        this.darknetPreprocessor = onBackend ? ((DarknetPipeline) detector.pipeline()).preprocessor() : null;
        this.candidateFilter = onBackend && CandidateFilter.enabled()
                ? ((DarknetPipeline) detector.pipeline()).candidateFilter().orElse(null) : null;
        this.input = onBackend ? new float[0]
                : new float[Math.toIntExact((fixedBatch > 0 ? fixedBatch : batchSize) * (long) detector.tensorSize())];
    }

    private static DarknetInputBackend backendInputs(Detector detector) {
        if (!(detector.pipeline() instanceof DarknetPipeline)) {
            throw new SettingException(detector.modelName() + ": preparing the input on the GPU runs darknet's resize and"
                    + " letterbox, not this model's preprocessing (" + detector.pipeline().describePreprocessing()
                    + "); run it without {GPU_PREPROCESS}");
        }
        InferenceBackend backend = detector.backend();
        Optional<DarknetInputBackend> own = backend instanceof SharedBackend shared ? shared.darknetInputs()
                : backend instanceof DarknetInputBackend direct ? Optional.of(direct) : Optional.empty();
        return own.orElseThrow(() -> new SettingException(detector.modelName() + ": the " + backend.name()
                + " backend cannot prepare its input itself; {GPU_PREPROCESS} needs a TensorRT engine (.plan)"));
    }

    /**
     * Where images for this detector are best made: the backend's own memory when it prepares the input
     * (pinned memory its GPU copies from directly), else the heap. See {@link DarknetInputBackend#pixelMemory()}.
     */
    public PixelMemory pixelMemory() {
        return backendInputs != null ? backendInputs.pixelMemory() : PixelMemory.HEAP;
    }

    /** Where this detector makes the network input. */
    public InputPreparation inputPreparation() {
        return backendInputs != null ? InputPreparation.BACKEND : InputPreparation.HOST;
    }

    private static int checkBatchSize(Detector detector, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1, got " + batchSize);
        }
        long max = detector.backend().maxBatch();
        if (batchSize > max) {
            boolean fixed = detector.backend().input().shape()[0] > 0;
            throw new SettingException(detector.modelName() + ": {BATCH_SIZE} " + batchSize + " is larger than the "
                    + (fixed ? "model's fixed batch of " + max : "engine's batch profile (at most " + max + ")")
                    + "; use {BATCH_SIZE} " + max + " or less, or rebuild it for larger batches",
                    " (" + (fixed && max == 1 ? "trtpipe darknet2onnx {DYNAMIC_BATCH}, then onnx2trt {BATCH_PROFILE} 1:" + batchSize + ":" + batchSize
                    : "trtpipe onnx2trt {BATCH_PROFILE} 1:" + batchSize + ":" + batchSize) + ")");
        }
        return batchSize;
    }

    public int batchSize() {
        return batchSize;
    }

    public Detector detector() {
        return detector;
    }

    /**
     * Detects on {@code images} (1 to {@link #batchSize()}) in one network call; results in the same order.
     * Each result's timings are its own preprocessing and post-processing and an equal share of the call.
     */
    public List<DetectionResult> detect(List<LabeledImage> images) throws IOException {
        int n = images.size();
        if (n < 1 || n > batchSize) {
            throw new IllegalArgumentException("a batch holds 1 to " + batchSize + " images, got " + n);
        }
        long[] preNanos = new long[n];
        ImagePlacement[] placements = new ImagePlacement[n];
        long runBatch = fixedBatch > 0 ? fixedBatch : n;
        Map<String, float[]> outputs;
        long inferStart;
        if (backendInputs != null) {
            // only where each image lands is worked out here; the backend's preprocessing counts as inference
            for (int i = 0; i < n; i++) {
                long start = System.nanoTime();
                RgbImage image = images.get(i).image();
                placements[i] = darknetPreprocessor.placement(image.width(), image.height());
                preNanos[i] = System.nanoTime() - start;
            }
            inferStart = System.nanoTime();
            outputs = inferOnBackend(images, placements, runBatch);
        } else {
            for (int i = 0; i < n; i++) {
                long start = System.nanoTime();
                placements[i] = detector.preprocessInto(images.get(i).image(), input, i);
                preNanos[i] = System.nanoTime() - start;
            }
            if (fixedBatch > n) {
                // items past n still hold the previous batch's images: zero them, as Detector does, so a fixed-batch
                // engine always sees the same input for the same images
                Arrays.fill(input, n * detector.tensorSize(), input.length, 0f);
            }
            inferStart = System.nanoTime();
            outputs = infer(runBatch, n);
        }
        long inferShare = (System.nanoTime() - inferStart) / n;
        List<DetectionResult> results = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            List<Detection> detections = detector.postprocess(outputs, i, placements[i]);
            long post = System.nanoTime() - start;
            LabeledImage image = images.get(i);
            results.add(new DetectionResult(image.source(), image.image(), detections, new StageTimings(0, preNanos[i], inferShare, post)));
        }
        return results;
    }

    private Map<String, float[]> inferOnBackend(List<LabeledImage> images, ImagePlacement[] placements, long runBatch) throws IOException {
        DetectionPipeline pipeline = detector.pipeline();
        long[] shape = {runBatch, pipeline.inputChannels(), pipeline.inputHeight(), pipeline.inputWidth()};
        try {
            return backendInputs.inferDarknetInputs(images.stream().map(LabeledImage::image).toList(), List.of(placements), shape, outputArrays,
                    candidateFilter);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(detector.modelName() + ": inference of a batch of " + images.size() + " with the input prepared by "
                    + detector.backend().name() + " failed: " + e.getMessage(), e);
        }
    }

    private Map<String, float[]> infer(long runBatch, int n) throws IOException {
        DetectionPipeline pipeline = detector.pipeline();
        long[] shape = {runBatch, pipeline.inputChannels(), pipeline.inputHeight(), pipeline.inputWidth()};
        // a dynamic batch gets exactly its n items: the buffer may be larger than this call needs
        float[] data = runBatch * detector.tensorSize() == input.length ? input : Arrays.copyOf(input, Math.toIntExact(runBatch * detector.tensorSize()));
        try {
            return detector.backend().infer(data, shape);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(detector.modelName() + ": inference of a batch of " + n + " failed (" + detector.backend().name()
                    + "): " + e.getMessage(), e);
        }
    }
}
