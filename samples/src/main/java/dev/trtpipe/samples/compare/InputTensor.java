package dev.trtpipe.samples.compare;

import dev.trtpipe.darknet.DetectionSpec;
import dev.trtpipe.detect.preprocess.Preprocessor;
import dev.trtpipe.detect.preprocess.RgbImage;
import dev.trtpipe.samples.darknet.XorShift64Star;
import dev.trtpipe.samples.steps.Images;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one input both paths run on: an image through darknet's own preprocessing (detection models
 * converted by trtpipe), or a fixed synthetic tensor any model accepts.
 *
 * @param description how it was made, for the report
 */
record InputTensor(String name, long[] shape, float[] data, String description) {

    /** The synthetic input's seed: the fixtures' input seed (docs/references.md §4: 7 + 12345). */
    static final long SYNTHETIC_SEED = 12352;

    InputTensor {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    static InputTensor forModel(ModelFacts model, Optional<Path> image) throws IOException {
        Optional<DetectionSpec> spec = model.detectionSpec();
        if (image.isPresent()) {
            return fromImage(model, spec.orElseThrow(() -> new IllegalArgumentException("--image needs a darknet detection model"
                    + " converted by trtpipe (its preprocessing comes from the model's metadata); this model takes a synthetic"
                    + " input: drop --image")), image.get());
        }
        // darknet networks take pixels / 255; other models (TAO's) usually take raw pixel values
        return synthetic(model, spec.isPresent() ? 1f : 255f);
    }

    private static InputTensor fromImage(ModelFacts model, DetectionSpec spec, Path file) throws IOException {
        RgbImage image = Images.load(file);
        Preprocessor pre = new Preprocessor(spec.inputWidth(), spec.inputHeight(), spec.letterbox());
        return new InputTensor(model.input().name(), new long[] {1, 3, spec.inputHeight(), spec.inputWidth()}, pre.toTensor(image),
                String.format(Locale.ROOT, "%s (%dx%d) through darknet's %s to %dx%d, RGB, pixel/255", file, image.width(),
                        image.height(), spec.letterbox() ? "letterbox_image" : "resize_image", spec.inputWidth(), spec.inputHeight()));
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
                Arrays.stream(shape).mapToObj(String::valueOf).collect(Collectors.joining("x")), max == 1f ? "1" : "255", SYNTHETIC_SEED));
    }

    /** {@code input float [1,3,320,320]}. */
    String signature() {
        return name + " float " + Arrays.stream(shape).mapToObj(String::valueOf).collect(Collectors.joining(",", "[", "]"));
    }
}
