package dev.trtpipe.detect;

import dev.trtpipe.darknet.DetectionSpec;
import dev.trtpipe.darknet.HeadMode;
import dev.trtpipe.detect.postprocess.Detection;
import dev.trtpipe.detect.postprocess.PostprocessSettings;
import dev.trtpipe.detect.postprocess.Postprocessor;
import dev.trtpipe.detect.preprocess.ImageLoader;
import dev.trtpipe.detect.preprocess.ImagePlacement;
import dev.trtpipe.detect.preprocess.Preprocessor;
import dev.trtpipe.detect.preprocess.ResizeImplementation;
import dev.trtpipe.detect.preprocess.RgbImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Image in, darknet's detections out: {@link ImageLoader} → {@link Preprocessor} → an
 * {@link InferenceBackend} → post-processing, timing each stage. The pre- and post-processing are the
 * same whichever backend runs the network. What the post-processing does depends on the model's
 * {@link HeadMode}: raw heads go through {@link Postprocessor}; decoded candidates through darknet's
 * thresholds and NMS; in-graph NMS results only through the letterbox correction and pixel boxes. The
 * detector does not own the backend: close it yourself.
 *
 * <p>Not thread-safe: it reuses one input buffer (an input is megabytes; allocating and zeroing it per
 * image costs as much as half the preprocessing). Use one detector per thread over a shared backend.
 */
public final class Detector {

    private final String modelName;
    private final InferenceBackend backend;
    private final DetectionSpec spec;
    private final HeadMode headMode;
    private final Preprocessor preprocessor;
    private final ModelOutputs outputs;
    private final PostprocessSettings postprocessSettings;
    private final long[] inputShape;
    /** The NCHW input; a model with a fixed batch > 1 gets the image in slot 0 and zeros after it. */
    private final float[] input;

    /** A detector for a model whose outputs are the raw heads. */
    public Detector(String modelName, InferenceBackend backend, DetectionSpec spec, DetectorSettings settings) {
        this(modelName, backend, spec, HeadMode.raw(), settings);
    }

    /**
     * @param modelName labels the model in error messages (usually its path)
     * @param headMode  what the model outputs (raw heads, decoded candidates, NMS results)
     * @throws IllegalArgumentException the backend's input or outputs do not fit {@code spec} and
     *                                  {@code headMode}, or {@code settings} cannot apply to an in-graph NMS
     */
    public Detector(String modelName, InferenceBackend backend, DetectionSpec spec, HeadMode headMode,
                    DetectorSettings settings) {
        this.modelName = Objects.requireNonNull(modelName, "modelName");
        this.backend = Objects.requireNonNull(backend, "backend");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.headMode = Objects.requireNonNull(headMode, "headMode");
        this.inputShape = checkInput(backend.input());
        try {
            this.outputs = ModelOutputs.of(spec, headMode, settings);
            outputs.check(backend.outputs());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(modelName + ": " + e.getMessage(), e);
        }
        this.preprocessor = new Preprocessor(spec.inputWidth(), spec.inputHeight(), settings.letterboxFor(spec));
        this.postprocessSettings = settings.postprocessFor(spec);
        this.input = new float[Math.toIntExact(inputShape[0] * preprocessor.tensorSize())];
    }

    /**
     * A detector for a model converted by trtpipe: the {@link DetectionSpec} comes from the backend's
     * metadata.
     *
     * @throws IllegalArgumentException the metadata has no (or a malformed) spec, or the model does not fit it
     */
    public static Detector fromMetadata(String modelName, InferenceBackend backend, DetectorSettings settings) {
        Map<String, String> metadata = backend.metadata();
        if (!DetectionSpec.isPresentIn(metadata)) {
            throw new IllegalArgumentException(modelName + ": has no darknet detection metadata ("
                    + DetectionSpec.KEY_PREFIX + "* keys); detect runs models converted from darknet by trtpipe,"
                    + " convert the .cfg and .weights with trtpipe first");
        }
        DetectionSpec spec;
        HeadMode headMode;
        try {
            spec = DetectionSpec.fromMetadata(metadata);
            headMode = HeadMode.fromMetadata(metadata);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(modelName + ": " + e.getMessage() + "; re-convert the model with trtpipe", e);
        }
        return new Detector(modelName, backend, spec, headMode, settings);
    }

    public DetectionSpec spec() {
        return spec;
    }

    public boolean letterbox() {
        return preprocessor.letterbox();
    }

    /** Which code resizes the images (native or Java), for timing output. */
    public ResizeImplementation resizeImplementation() {
        return preprocessor.implementation();
    }

    /** What the model outputs, from its metadata. */
    public HeadMode headMode() {
        return headMode;
    }

    /** Thresholds and NMS variant; with {@link HeadMode.Nms} only the threshold applies (the NMS ran in the model). */
    public PostprocessSettings postprocessSettings() {
        return postprocessSettings;
    }

    /** The post-processing in words, e.g. {@code nms greedynms 0.45, thresh 0.25}. */
    public String describePostprocessing() {
        return outputs.describe();
    }

    public InferenceBackend backend() {
        return backend;
    }

    /**
     * Floats of one image in the input tensor (3·H·W); batch item {@code i} starts at {@code i · tensorSize()}.
     * With {@link #preprocessInto} and {@link #postprocess}, lets a caller batch images over this detector's
     * pre- and post-processing (see {@link BatchDetector}).
     */
    public int tensorSize() {
        return preprocessor.tensorSize();
    }

    /** Writes {@code image}'s tensor into item {@code item} of a caller's NCHW batch; returns where it landed. */
    public ImagePlacement preprocessInto(RgbImage image, float[] batch, int item) {
        return preprocessor.write(image, batch, item * preprocessor.tensorSize());
    }

    /** The detections of batch item {@code item} of the backend's {@code outputs}. */
    public List<Detection> postprocess(Map<String, float[]> outputs, int item, ImagePlacement placement) throws IOException {
        try {
            return this.outputs.detections(outputs, item, placement);
        } catch (IOException e) {
            throw new IOException(modelName + ": " + e.getMessage(), e);
        }
    }

    /** The model name the detector was made with (its path), for messages. */
    public String modelName() {
        return modelName;
    }

    /** Loads and detects; the load is timed too. */
    public DetectionResult detect(Path image) throws IOException {
        long start = System.nanoTime();
        RgbImage rgb = ImageLoader.load(image);
        long loaded = System.nanoTime();
        DetectionResult result = detect(rgb, image.toString());
        StageTimings t = result.timings();
        return new DetectionResult(result.source(), rgb, result.detections(),
                new StageTimings(loaded - start, t.preprocessNanos(), t.inferNanos(), t.postprocessNanos()));
    }

    /** Detects on an image already in memory ({@code source} labels it in the result). */
    public DetectionResult detect(RgbImage image, String source) throws IOException {
        long start = System.nanoTime();
        ImagePlacement placement = preprocessor.write(image, input, 0);
        long preprocessed = System.nanoTime();
        Map<String, float[]> results = infer(input);
        long inferred = System.nanoTime();
        List<Detection> detections;
        try {
            detections = outputs.detections(results, 0, placement);
        } catch (IOException e) {
            throw new IOException(modelName + ": " + e.getMessage(), e);
        }
        long done = System.nanoTime();
        return new DetectionResult(source, image, detections,
                new StageTimings(0, preprocessed - start, inferred - preprocessed, done - inferred));
    }

    private Map<String, float[]> infer(float[] batch) throws IOException {
        try {
            return backend.infer(batch, inputShape.clone());
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(modelName + ": inference failed (" + backend.name() + "): " + e.getMessage(), e);
        }
    }

    /** The concrete input shape: the model's, with a dynamic batch set to 1 and dynamic H, W to the spec's. */
    private long[] checkInput(TensorInfo input) {
        long[] shape = input.shape();
        if (shape.length != 4 || !input.dataType().equals("float")) {
            throw new IllegalArgumentException(modelName + ": input " + input + " is not an NCHW float tensor;"
                    + " detect needs (N, 3, H, W) float32");
        }
        if (spec.channels() != 3) {
            throw new IllegalArgumentException(modelName + ": the model takes " + spec.channels()
                    + "-channel input; detect feeds RGB images (channels=3)");
        }
        long[] expected = {1, 3, spec.inputHeight(), spec.inputWidth()};
        for (int d = 1; d < 4; d++) {
            if (shape[d] >= 0 && shape[d] != expected[d]) {
                throw new IllegalArgumentException(modelName + ": input " + input + " does not match the model's"
                        + " metadata (3x" + spec.inputHeight() + "x" + spec.inputWidth() + "); re-convert the model");
            }
        }
        expected[0] = shape[0] > 0 ? shape[0] : 1;
        return expected;
    }
}
