package dev.trtpipe.samples.compare;

import dev.trtpipe.darknet.DetectionSpec;
import dev.trtpipe.detect.DetectionPipeline;
import dev.trtpipe.detect.Detector;
import dev.trtpipe.detect.SettingException;
import dev.trtpipe.detect.onnxrt.OnnxRuntimeBackend;
import dev.trtpipe.detect.tao.TaoDetectionSpec;
import dev.trtpipe.detect.preprocess.Preprocessor;
import dev.trtpipe.detect.preprocess.RgbImage;
import dev.trtpipe.samples.darknet.XorShift64Star;
import dev.trtpipe.samples.steps.Images;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one input both paths run on: an image through darknet's own preprocessing (detection models
 * converted by trtpipe) or through nvinfer's (TAO detectors: an nvinfer config, or the spec the model carries),
 * or a fixed synthetic tensor any model accepts.
 *
 * @param description how it was made, for the report
 * @param detectFlags what {@code trtpipe detect} needs besides the model to prepare the same input (an nvinfer config)
 */
record InputTensor(String name, long[] shape, float[] data, String description, List<String> detectFlags) {

    /** The synthetic input's seed: the fixtures' input seed (docs/references.md §4: 7 + 12345). */
    static final long SYNTHETIC_SEED = 12352;

    InputTensor {
        shape = shape.clone();
        detectFlags = List.copyOf(detectFlags);
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** @param onnx the model of {@code model}, for a TAO detector's preprocessing (which depends on its outputs' layout) */
    static InputTensor forModel(Path onnx, ModelFacts model, Optional<Path> image, Optional<NvinferInput> nvinfer) throws IOException {
        Optional<DetectionSpec> spec = model.detectionSpec();
        if (image.isEmpty()) {
            // darknet networks take pixels / 255; other models (TAO's) usually take raw pixel values
            return synthetic(model, spec.isPresent() ? 1f : 255f);
        }
        if (spec.isPresent() && nvinfer.isEmpty()) {
            return fromImage(model, spec.get(), image.get());
        }
        Optional<TaoDetectionSpec> tao = nvinfer.map(NvinferInput::spec).or(model::taoSpec);
        if (tao.isEmpty()) {
            throw new SettingException("{IMAGE} needs a detection model: a darknet model converted by trtpipe, or a TAO"
                    + " detector with {NVINFER_CONFIG}", " (or its spec embedded by etlt2onnx {NVINFER_CONFIG} or tao-spec); this model"
                    + " takes a synthetic input: drop {IMAGE}");
        }
        List<String> flags = nvinfer.map(n -> List.of("--nvinfer-config", n.config().toString())).orElse(List.of());
        return fromTaoImage(onnx, tao.get(), image.get(), flags);
    }

    /** Through the TAO pipeline {@code detect} uses, so the input is the one detect would feed. */
    private static InputTensor fromTaoImage(Path onnx, TaoDetectionSpec spec, Path file, List<String> flags) throws IOException {
        RgbImage image = Images.load(file);
        try (OnnxRuntimeBackend backend = OnnxRuntimeBackend.open(onnx)) {
            DetectionPipeline pipeline = Detector.forTao(onnx.toString(), backend, spec).pipeline();
            float[] data = new float[pipeline.tensorSize()];
            pipeline.write(image, data, 0);
            return new InputTensor(backend.input().name(),
                    new long[] {1, pipeline.inputChannels(), pipeline.inputHeight(), pipeline.inputWidth()}, data,
                    String.format(Locale.ROOT, "%s (%dx%d) through nvinfer's preprocessing (%s) to %dx%d", file, image.width(),
                            image.height(), pipeline.describePreprocessing(), pipeline.inputWidth(), pipeline.inputHeight()), flags);
        }
    }

    private static InputTensor fromImage(ModelFacts model, DetectionSpec spec, Path file) throws IOException {
        RgbImage image = Images.load(file);
        Preprocessor pre = new Preprocessor(spec.inputWidth(), spec.inputHeight(), spec.letterbox());
        return new InputTensor(model.input().name(), new long[] {1, 3, spec.inputHeight(), spec.inputWidth()}, pre.toTensor(image),
                String.format(Locale.ROOT, "%s (%dx%d) through darknet's %s to %dx%d, RGB, pixel/255", file, image.width(),
                        image.height(), spec.letterbox() ? "letterbox_image" : "resize_image", spec.inputWidth(), spec.inputHeight()), List.of());
    }

    private static InputTensor synthetic(ModelFacts model, float max) {
        long[] shape = model.batchOneShape();
        float[] data = new float[Math.toIntExact(Arrays.stream(shape).reduce(1, Math::multiplyExact))];
        XorShift64Star random = new XorShift64Star(SYNTHETIC_SEED);
        for (int i = 0; i < data.length; i++) {
            data[i] = random.uniform(0f, max);
        }
        return new InputTensor(model.input().name(), shape, data, String.format(Locale.ROOT,
                "synthetic %s: uniform in [0, %s), xorshift64* seed %d (the ../shared/ref input recipe)",
                Arrays.stream(shape).mapToObj(String::valueOf).collect(Collectors.joining("x")), max == 1f ? "1" : "255", SYNTHETIC_SEED),
                List.of());
    }

    /** {@code input float [1,3,320,320]}. */
    String signature() {
        return name + " float " + Arrays.stream(shape).mapToObj(String::valueOf).collect(Collectors.joining(",", "[", "]"));
    }
}
