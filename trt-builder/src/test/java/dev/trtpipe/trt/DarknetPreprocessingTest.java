package dev.trtpipe.trt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trtpipe.darknet.DetectionSpec;
import dev.trtpipe.detect.testing.ReferenceSpecs;
import dev.trtpipe.detect.testing.SharedRefs;
import dev.trtpipe.detect.testing.TinyOnnx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * INT8 calibration batches are what darknet feeds the model: {@code ../shared/ref/preprocess} holds
 * darknet's own resize_image / letterbox_image of dog_decoded.png, compared here bit for bit with the
 * batches {@link EngineBuilder} hands TensorRT (everything before TensorRT runs without a GPU).
 */
class DarknetPreprocessingTest {

    @TempDir
    Path dir;
    private Path images;

    @BeforeEach
    void oneCalibrationImage() throws Exception {
        images = Files.createDirectories(dir.resolve("calib"));
        Files.copy(SharedRefs.resolve("images/dog_decoded.png"), images.resolve("dog_decoded.png"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "letterbox spec, yolo-fastest-1.1_320x320_dogpng_letterbox",
            "resize spec,    yolo-fastest-1.1_320x320_dogpng_resize",
            "no spec,        yolov3-tiny-mini_160x128_dogpng_resize",
    })
    void calibrationBatchesAreDarknetsInputBitForBit(String model, String reference) throws Exception {
        byte[] onnx = switch (model) {
            case "letterbox spec" -> detector(true);
            case "resize spec" -> detector(false);
            default -> TinyOnnx.identity(TinyOnnx.FLOAT, new Long[] {null, 3L, 128L, 160L}, Map.of());
        };
        float[] expected = SharedRefs.floats(SharedRefs.resolve("ref/preprocess/" + reference + "/input.bin"));

        float[] batch = firstBatch(EngineBuilder.create(), onnx);

        assertThat(batch).hasSameSizeAs(expected);
        int first = mismatch(batch, expected);
        assertThat(first).as("first value differing from darknet's input.bin").isEqualTo(-1);
    }

    @Test
    void aCallersPreprocessorReplacesDarknets() throws Exception {
        EngineBuilder custom = EngineBuilder.create().calibrationPreprocessor((image, c, h, w) -> {
            float[] t = new float[c * h * w];
            Arrays.fill(t, 7f);
            return t;
        });

        assertThat(firstBatch(custom, detector(true))).containsOnly(7f);
    }

    @Test
    void aModelWithoutRgbInputIsRefusedBeforeTensorRt() throws Exception {
        Path grey = Files.write(dir.resolve("grey.onnx"), TinyOnnx.identity(TinyOnnx.FLOAT, new Long[] {1L, 1L, 80L, 80L}, Map.of()));

        assertThatThrownBy(() -> EngineBuilder.create().build(grey, dir.resolve("grey.plan"), int8Options()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(grey + ": input 'x' takes 1 channel(s), but calibration images are prepared as darknet prepares"
                        + " them, as 3 RGB channels; calibrate with a calibration cache (a cache made for this model) instead of images");
        assertThat(dir.resolve("grey.plan")).doesNotExist();
    }

    @Test
    void aMalformedSpecIsNamedWithTheModel() {
        Map<String, String> metadata = new HashMap<>(spec(true).toMetadata());
        metadata.remove(DetectionSpec.KEY_PREFIX + "letter_box");

        assertThatThrownBy(() -> DarknetPreprocessing.forModel("yolo.onnx", metadata))
                .hasMessage("yolo.onnx: metadata key 'darknet.letter_box' is missing; re-convert the model with trtpipe");
    }

    private float[] firstBatch(EngineBuilder builder, byte[] onnx) throws Exception {
        PreparedBuild prepared = BuildPreparation.prepare("model.onnx", Optional.empty(), onnx, dir.resolve("model.plan"), int8Options());
        CalibrationBatches batches = builder.calibrationBatches(prepared).orElseThrow();
        assertThat(batches.batchCount()).isEqualTo(1);
        return batches.next().orElseThrow();
    }

    private BuildOptions int8Options() {
        return BuildOptions.builder().precision(Precision.INT8).calibrationImages(images).calibrationBatchSize(1)
                .batchRange(new BuildOptions.BatchRange(1, 1, 1)).build();
    }

    /** Yolo-Fastest's spec, letterboxed or not; the head outputs do not matter for preprocessing. */
    private static DetectionSpec spec(boolean letterbox) {
        DetectionSpec s = ReferenceSpecs.yoloFastest();
        return new DetectionSpec(s.inputWidth(), s.inputHeight(), s.channels(), letterbox, s.nmsKind(), s.betaNms(), s.heads());
    }

    private static byte[] detector(boolean letterbox) {
        DetectionSpec spec = spec(letterbox);
        List<float[]> heads = spec.heads().stream().map(h -> new float[h.channels() * h.gridHeight() * h.gridWidth()]).toList();
        return TinyOnnx.headReplay(spec, heads);
    }

    private static int mismatch(float[] actual, float[] expected) {
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToIntBits(actual[i]) != Float.floatToIntBits(expected[i])) {
                return i;
            }
        }
        return -1;
    }
}
