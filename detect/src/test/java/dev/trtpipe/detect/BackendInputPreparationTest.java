package dev.trtpipe.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trtpipe.darknet.HeadMode;
import dev.trtpipe.detect.BatchDetector.InputPreparation;
import dev.trtpipe.detect.DetectionPool.LabeledImage;
import dev.trtpipe.detect.onnxrt.OnnxRuntimeBackend;
import dev.trtpipe.detect.postprocess.Detection;
import dev.trtpipe.detect.preprocess.ImageLoader;
import dev.trtpipe.detect.preprocess.ImagePlacement;
import dev.trtpipe.detect.preprocess.Preprocessor;
import dev.trtpipe.detect.preprocess.RgbImage;
import dev.trtpipe.detect.testing.ConvertedModels;
import dev.trtpipe.detect.testing.ForwardingBackend;
import dev.trtpipe.detect.testing.SharedRefs;
import dev.trtpipe.onnx.ConversionOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link InputPreparation#BACKEND}, as the GPU preprocessing uses it, with a backend double that makes the
 * input on the CPU from what it is handed: the images, their placements and the batch shape must be those
 * the host path would use, so the detections come out identical, in order, through a pool over a shared
 * backend, the last partial batch included.
 */
class BackendInputPreparationTest {

    private static final List<String> IMAGES = List.of("images/dog_decoded.png", "images/person_decoded.png", "images/eagle.jpg");

    private static byte[] dynamicBatchOnnx;
    private static List<LabeledImage> images;

    @BeforeAll
    static void convertAndLoad() throws IOException {
        dynamicBatchOnnx = ConvertedModels.yoloFastest().onnx(HeadMode.raw(), ConversionOptions.defaults().withDynamicBatch(true));
        images = new ArrayList<>();
        for (String image : IMAGES) {
            images.add(new LabeledImage(image, ImageLoader.load(SharedRefs.resolve(image))));
        }
    }

    /** Makes darknet's input itself (on the CPU here) from the images, and records what it was handed. */
    static final class PreparingBackend extends ForwardingBackend implements DarknetInputBackend {
        final List<long[]> shapes = new CopyOnWriteArrayList<>();
        final List<ImagePlacement> placements = new CopyOnWriteArrayList<>();
        private final boolean letterbox;

        PreparingBackend(InferenceBackend delegate, boolean letterbox) {
            super(delegate);
            this.letterbox = letterbox;
        }

        @Override
        public Map<String, float[]> inferDarknetInputs(List<RgbImage> images, List<ImagePlacement> given, long[] shape) throws Exception {
            Preprocessor pre = new Preprocessor((int) shape[3], (int) shape[2], letterbox);
            float[] input = new float[Math.toIntExact(shape[0] * pre.tensorSize())];
            for (int i = 0; i < images.size(); i++) {
                ImagePlacement own = pre.write(images.get(i), input, i * pre.tensorSize());
                assertThat(given.get(i)).as("placement of item " + i).isEqualTo(own);
            }
            shapes.add(shape.clone());
            placements.addAll(given);
            return infer(input, shape);
        }
    }

    @Test
    void aPoolWithTheInputMadeByTheBackendDetectsWhatTheHostPathDetects() throws Exception {
        for (boolean letterbox : new boolean[] {false, true}) {
            DetectorSettings settings = DetectorSettings.defaults().withLetterbox(letterbox);
            try (OnnxRuntimeBackend ort = OnnxRuntimeBackend.fromBytes(dynamicBatchOnnx, "yolo-fastest.onnx", 1)) {
                Detector single = Detector.fromMetadata("yolo-fastest.onnx", ort, settings);
                List<List<Detection>> expected = new ArrayList<>();
                for (LabeledImage image : images) {
                    expected.add(single.detect(image.image(), image.source()).detections());
                }
                PreparingBackend preparing = new PreparingBackend(ort, letterbox);
                List<DetectionResult> results = new ArrayList<>();
                try (SharedBackend shared = SharedBackend.of(preparing);
                     BatchDetectionPool pool = new BatchDetectionPool(shared, 2, 2, b -> Detector.fromMetadata("yolo-fastest.onnx", b, settings),
                             InputPreparation.BACKEND)) {
                    results.addAll(pool.submit(images.subList(0, 2)).get());
                    results.addAll(pool.submit(images.subList(2, 3)).get());
                }
                assertThat(results).extracting(DetectionResult::source).containsExactlyElementsOf(IMAGES);
                assertThat(results).extracting(DetectionResult::detections).containsExactlyElementsOf(expected);
                assertThat(expected).allSatisfy(d -> assertThat(d).isNotEmpty());
                assertThat(preparing.shapes).extracting(s -> s[0]).containsExactly(2L, 1L);
                assertThat(preparing.placements).extracting(ImagePlacement::letterbox).containsOnly(letterbox);
            }
        }
    }

    @Test
    void aBackendThatCannotMakeItsInputIsRefusedInOneLine() throws Exception {
        try (OnnxRuntimeBackend ort = OnnxRuntimeBackend.fromBytes(dynamicBatchOnnx, "yolo-fastest.onnx", 1)) {
            Detector detector = Detector.fromMetadata("yolo-fastest.onnx", ort, DetectorSettings.defaults());
            assertThatThrownBy(() -> new BatchDetector(detector, 2, InputPreparation.BACKEND))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("yolo-fastest.onnx: the onnxruntime-cpu backend cannot prepare its input itself; GPU preprocessing"
                            + " needs a TensorRT engine (.plan)")
                    .isInstanceOfSatisfying(SettingException.class,
                            e -> assertThat(e.firstSetting()).contains(SettingException.Setting.GPU_PREPROCESS));
            assertThat(new BatchDetector(detector, 2).inputPreparation()).isEqualTo(InputPreparation.HOST);
        }
    }
}
