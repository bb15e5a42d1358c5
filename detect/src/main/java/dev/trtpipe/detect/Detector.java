package dev.trtpipe.detect;

import dev.trtpipe.darknet.DetectionSpec;
import dev.trtpipe.darknet.DetectionSpec.Head;
import dev.trtpipe.detect.postprocess.Detection;
import dev.trtpipe.detect.postprocess.PostprocessSettings;
import dev.trtpipe.detect.postprocess.Postprocessor;
import dev.trtpipe.detect.preprocess.ImageLoader;
import dev.trtpipe.detect.preprocess.ImagePlacement;
import dev.trtpipe.detect.preprocess.Preprocessor;
import dev.trtpipe.detect.preprocess.RgbImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Image in, darknet's detections out: {@link ImageLoader} → {@link Preprocessor} → an
 * {@link InferenceBackend} → {@link Postprocessor}, timing each stage. The pre- and post-processing are
 * the same whichever backend runs the network. The detector does not own the backend: close it yourself.
 *
 * <p>Not thread-safe: it reuses one input buffer (an input is megabytes; allocating and zeroing it per
 * image costs as much as half the preprocessing). Use one detector per thread over a shared backend.
 */
public final class Detector {

    private final String modelName;
    private final InferenceBackend backend;
    private final DetectionSpec spec;
    private final Preprocessor preprocessor;
    private final Postprocessor postprocessor;
    private final long[] inputShape;
    /** The NCHW input; a model with a fixed batch > 1 gets the image in slot 0 and zeros after it. */
    private final float[] input;

    /**
     * @param modelName labels the model in error messages (usually its path)
     * @throws IllegalArgumentException the backend's input or outputs do not fit {@code spec}
     */
    public Detector(String modelName, InferenceBackend backend, DetectionSpec spec, DetectorSettings settings) {
        this.modelName = Objects.requireNonNull(modelName, "modelName");
        this.backend = Objects.requireNonNull(backend, "backend");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.inputShape = checkInput(backend.input());
        checkHeads(backend.outputs());
        this.preprocessor = new Preprocessor(spec.inputWidth(), spec.inputHeight(), settings.letterboxFor(spec));
        this.postprocessor = new Postprocessor(spec, settings.postprocessFor(spec));
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
        try {
            spec = DetectionSpec.fromMetadata(metadata);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(modelName + ": " + e.getMessage() + "; re-convert the model with trtpipe", e);
        }
        return new Detector(modelName, backend, spec, settings);
    }

    public DetectionSpec spec() {
        return spec;
    }

    public boolean letterbox() {
        return preprocessor.letterbox();
    }

    public PostprocessSettings postprocessSettings() {
        return postprocessor.settings();
    }

    public InferenceBackend backend() {
        return backend;
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
        Map<String, float[]> outputs = infer(input);
        long inferred = System.nanoTime();
        float[][] heads = new float[spec.heads().size()][];
        for (int h = 0; h < heads.length; h++) {
            String name = spec.heads().get(h).outputName();
            heads[h] = outputs.get(name);
            if (heads[h] == null) {
                throw new IOException(modelName + ": the backend returned no output '" + name + "'");
            }
        }
        List<Detection> detections = postprocessor.process(heads, 0, placement);
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

    private void checkHeads(List<TensorInfo> outputs) {
        for (Head head : spec.heads()) {
            TensorInfo out = outputs.stream().filter(o -> o.name().equals(head.outputName())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(modelName + ": has no output '" + head.outputName()
                            + "' for detection layer " + head.layerIndex() + " (outputs: "
                            + outputs.stream().map(TensorInfo::name).toList() + "); re-convert the model"));
            long perItem = (long) head.channels() * head.gridHeight() * head.gridWidth();
            if (out.elementsPerItem() >= 0 && out.elementsPerItem() != perItem) {
                throw new IllegalArgumentException(modelName + ": output " + out + " should be (N, " + head.channels()
                        + ", " + head.gridHeight() + ", " + head.gridWidth() + ") for detection layer "
                        + head.layerIndex() + "; re-convert the model");
            }
        }
    }
}
