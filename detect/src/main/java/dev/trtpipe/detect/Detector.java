package dev.trtpipe.detect;

import dev.trtpipe.darknet.DetectionSpec;
import dev.trtpipe.darknet.HeadMode;
import dev.trtpipe.detect.postprocess.Detection;
import dev.trtpipe.detect.postprocess.PostprocessSettings;
import dev.trtpipe.detect.postprocess.Postprocessor;
import dev.trtpipe.detect.preprocess.ImageLoader;
import dev.trtpipe.detect.preprocess.ImagePlacement;
import dev.trtpipe.detect.preprocess.ResizeImplementation;
import dev.trtpipe.detect.preprocess.RgbImage;
import dev.trtpipe.detect.tao.TaoDetectionSpec;
import dev.trtpipe.detect.tao.TaoPipeline;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Image in, detections out: {@link ImageLoader} → the {@link DetectionPipeline}'s preprocessing → an
 * {@link InferenceBackend} → the pipeline's decoding, timing each stage. The pre- and post-processing are
 * the same whichever backend runs the network. For darknet models ({@link DarknetPipeline}) the
 * post-processing depends on the model's {@link HeadMode}: raw heads go through {@link Postprocessor}; decoded candidates through darknet's
 * thresholds and NMS; in-graph NMS results only through the letterbox correction and pixel boxes. The
 * detector does not own the backend: close it yourself.
 *
 * <p>Not thread-safe: it reuses one input buffer (an input is megabytes; allocating and zeroing it per
 * image costs as much as half the preprocessing). Use one detector per thread over a shared backend.
 */
public final class Detector {

    private final String modelName;
    private final InferenceBackend backend;
    private final DetectionPipeline pipeline;
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
        this(modelName, backend, darknetPipeline(modelName, spec, headMode, settings));
    }

    /**
     * A detector for any model family: {@code pipeline} prepares the input and decodes the outputs.
     *
     * @throws IllegalArgumentException the backend's input or outputs do not fit the pipeline
     */
    public Detector(String modelName, InferenceBackend backend, DetectionPipeline pipeline) {
        this.modelName = Objects.requireNonNull(modelName, "modelName");
        this.backend = Objects.requireNonNull(backend, "backend");
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.inputShape = checkInput(backend.input());
        try {
            pipeline.checkOutputs(backend.outputs());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(modelName + ": " + e.getMessage(), e);
        }
        this.input = new float[Math.toIntExact(inputShape[0] * pipeline.tensorSize())];
    }

    private static DarknetPipeline darknetPipeline(String modelName, DetectionSpec spec, HeadMode headMode,
                                                   DetectorSettings settings) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(headMode, "headMode");
        try {
            return new DarknetPipeline(spec, headMode, settings);
        } catch (SettingException e) {
            throw e.about(modelName);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(modelName + ": " + e.getMessage(), e);
        }
    }

    /**
     * A detector for a model converted by trtpipe: the {@link DetectionSpec} comes from the backend's
     * metadata.
     *
     * @throws IllegalArgumentException the metadata has no (or a malformed) spec, or the model does not fit it
     */
    public static Detector fromMetadata(String modelName, InferenceBackend backend, DetectorSettings settings) {
        Map<String, String> metadata = backend.metadata();
        if (TaoDetectionSpec.isPresentIn(metadata)) {
            TaoDetectionSpec tao;
            try {
                tao = TaoDetectionSpec.fromMetadata(metadata);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(modelName + ": " + e.getMessage()
                        + "; embed the nvinfer config again with trtpipe tao-spec", e);
            }
            return forTao(modelName, backend, tao);
        }
        if (!DetectionSpec.isPresentIn(metadata)) {
            throw new SettingException(modelName + ": has no darknet detection metadata ("
                    + DetectionSpec.KEY_PREFIX + "* keys); detect runs models converted from darknet by trtpipe,"
                    + " convert the .cfg and .weights with trtpipe first (for a TAO detector: {NVINFER_CONFIG}, or"
                    + " embed its nvinfer config with trtpipe tao-spec)");
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

    /**
     * A detector for a TAO detector (DetectNet_v2 grids or an NMS plugin's outputs) with the given
     * nvinfer settings; which output layout it has is read from the backend's outputs.
     *
     * @throws IllegalArgumentException the outputs are none of the TAO layouts, or the input does not fit
     */
    public static Detector forTao(String modelName, InferenceBackend backend, TaoDetectionSpec spec) {
        TaoPipeline pipeline;
        try {
            pipeline = TaoPipeline.of(spec, backend.input(), backend.outputs());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(modelName + ": " + e.getMessage(), e);
        }
        return new Detector(modelName, backend, pipeline);
    }

    /** The pre- and post-processing around the network. */
    public DetectionPipeline pipeline() {
        return pipeline;
    }

    /**
     * The darknet spec of a darknet model.
     *
     * @throws IllegalStateException the model is not a darknet model (see {@link #pipeline()})
     */
    public DetectionSpec spec() {
        return darknet().spec();
    }

    public boolean letterbox() {
        return darknet().preprocessor().letterbox();
    }

    /** Which code resizes the images (native or Java), for timing output. */
    public ResizeImplementation resizeImplementation() {
        return darknet().preprocessor().implementation();
    }

    /** What the model outputs, from its metadata. */
    public HeadMode headMode() {
        return darknet().headMode();
    }

    /** Thresholds and NMS variant; with {@link HeadMode.Nms} only the threshold applies (the NMS ran in the model). */
    public PostprocessSettings postprocessSettings() {
        return darknet().postprocessSettings();
    }

    /** The post-processing in words, e.g. {@code nms greedynms 0.45, thresh 0.25}. */
    public String describePostprocessing() {
        return pipeline.describePostprocessing();
    }

    private DarknetPipeline darknet() {
        if (pipeline instanceof DarknetPipeline d) {
            return d;
        }
        throw new IllegalStateException(modelName + " is not a darknet model (" + pipeline.getClass().getSimpleName() + ")");
    }

    public InferenceBackend backend() {
        return backend;
    }

    /**
     * Floats of one image in the input tensor (C·H·W); batch item {@code i} starts at {@code i · tensorSize()}.
     * With {@link #preprocessInto} and {@link #postprocess}, lets a caller batch images over this detector's
     * pre- and post-processing (see {@link BatchDetector}).
     */
    public int tensorSize() {
        return pipeline.tensorSize();
    }

    /** Writes {@code image}'s tensor into item {@code item} of a caller's NCHW batch; returns where it landed. */
    public ImagePlacement preprocessInto(RgbImage image, float[] batch, int item) {
        return pipeline.write(image, batch, item * pipeline.tensorSize());
    }

    /** The detections of batch item {@code item} of the backend's {@code outputs}. */
    public List<Detection> postprocess(Map<String, float[]> outputs, int item, ImagePlacement placement) throws IOException {
        try {
            return pipeline.detections(outputs, item, placement);
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
        ImagePlacement placement = pipeline.write(image, input, 0);
        long preprocessed = System.nanoTime();
        Map<String, float[]> results = infer(input);
        long inferred = System.nanoTime();
        List<Detection> detections;
        try {
            detections = pipeline.detections(results, 0, placement);
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

    /** The concrete input shape: the model's, with a dynamic batch set to 1 and dynamic H, W to the pipeline's. */
    private long[] checkInput(TensorInfo input) {
        long[] shape = input.shape();
        int channels = pipeline.inputChannels();
        if (shape.length != 4 || !input.dataType().equals("float")) {
            throw new IllegalArgumentException(modelName + ": input " + input + " is not an NCHW float tensor;"
                    + " detect needs (N, " + channels + ", H, W) float32");
        }
        if (pipeline instanceof DarknetPipeline && channels != 3) {
            throw new IllegalArgumentException(modelName + ": the model takes " + channels
                    + "-channel input; detect feeds RGB images (channels=3)");
        }
        long[] expected = {1, channels, pipeline.inputHeight(), pipeline.inputWidth()};
        for (int d = 1; d < 4; d++) {
            if (shape[d] >= 0 && shape[d] != expected[d]) {
                String fix = pipeline instanceof DarknetPipeline ? "the model's metadata" : "the TAO spec (infer-dims,"
                        + " model-color-format)";
                throw new IllegalArgumentException(modelName + ": input " + input + " does not match " + fix + " ("
                        + channels + "x" + pipeline.inputHeight() + "x" + pipeline.inputWidth() + "); "
                        + (pipeline instanceof DarknetPipeline ? "re-convert the model" : "fix the nvinfer config"));
            }
        }
        expected[0] = shape[0] > 0 ? shape[0] : 1;
        return expected;
    }
}
