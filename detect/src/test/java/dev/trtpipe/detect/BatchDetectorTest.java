package dev.trtpipe.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trtpipe.darknet.HeadMode;
import dev.trtpipe.darknet.NmsKind;
import dev.trtpipe.detect.DetectionPool.LabeledImage;
import dev.trtpipe.detect.onnxrt.OnnxRuntimeBackend;
import dev.trtpipe.detect.postprocess.Detection;
import dev.trtpipe.detect.preprocess.ImageLoader;
import dev.trtpipe.detect.testing.ConvertedModels;
import dev.trtpipe.detect.testing.SharedRefs;
import dev.trtpipe.detect.testing.TinyDetectorOnnx;
import dev.trtpipe.onnx.ConversionOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batched detection against the one-image {@link Detector} on the trained Yolo-Fastest converted with a
 * symbolic batch dimension: each image's detections must be bit-identical whatever batch it ran in
 * (record equality compares floats bit for bit), the last partial batch included.
 */
class BatchDetectorTest {

    private static final List<String> IMAGES = List.of("images/dog_decoded.png", "images/person_decoded.png",
            "images/giraffe.jpg", "images/eagle.jpg", "images/horses.jpg");

    private static byte[] dynamicBatchOnnx;
    private static byte[] fixedBatchOnnx;
    private static List<LabeledImage> images;

    @TempDir
    Path tmp;

    @BeforeAll
    static void convertAndLoad() throws IOException {
        ConvertedModels yolo = ConvertedModels.yoloFastest();
        dynamicBatchOnnx = yolo.onnx(HeadMode.raw(), ConversionOptions.defaults().withDynamicBatch(true));
        fixedBatchOnnx = yolo.onnx(HeadMode.raw());
        images = new ArrayList<>();
        for (String image : IMAGES) {
            images.add(new LabeledImage(image, ImageLoader.load(SharedRefs.resolve(image))));
        }
    }

    @Test
    void batchesOfTwoEqualBatchOneBitForBitOnOneThread() throws Exception {
        assertBatchedEqualsSingle(1, 2);
    }

    @Test
    void batchesOfFourEqualBatchOneBitForBitOnFourThreads() throws Exception {
        // intra-op parallelism splits work by output rows, not by sums: the same bits either way
        assertBatchedEqualsSingle(4, 4);
    }

    private void assertBatchedEqualsSingle(int ortThreads, int batch) throws Exception {
        try (OnnxRuntimeBackend backend = OnnxRuntimeBackend.fromBytes(dynamicBatchOnnx, "yolo-fastest.onnx", ortThreads)) {
            Detector single = Detector.fromMetadata("yolo-fastest.onnx", backend, DetectorSettings.defaults());
            List<List<Detection>> expected = new ArrayList<>();
            for (LabeledImage image : images) {
                expected.add(single.detect(image.image(), image.source()).detections());
            }
            BatchDetector batched = new BatchDetector(Detector.fromMetadata("yolo-fastest.onnx", backend, DetectorSettings.defaults()), batch);
            List<DetectionResult> results = new ArrayList<>();
            for (int from = 0; from < images.size(); from += batch) { // 5 images: the last batch is partial
                results.addAll(batched.detect(images.subList(from, Math.min(images.size(), from + batch))));
            }
            assertThat(results).extracting(DetectionResult::source).containsExactlyElementsOf(IMAGES);
            assertThat(results).extracting(DetectionResult::detections).containsExactlyElementsOf(expected);
            assertThat(expected).allSatisfy(d -> assertThat(d).isNotEmpty()); // a comparison of empty lists proves nothing
        }
    }

    @Test
    void aFixedBatchOfFourRunsFullAndPartialBatches() throws Exception {
        Path model = TinyDetectorOnnx.writeDetector(tmp.resolve("tiny4.onnx"), 4, TinyDetectorOnnx.spec(true, NmsKind.DEFAULT));
        try (OnnxRuntimeBackend backend = OnnxRuntimeBackend.open(model, 1)) {
            Detector single = Detector.fromMetadata("tiny4.onnx", backend, DetectorSettings.defaults());
            BatchDetector batched = new BatchDetector(Detector.fromMetadata("tiny4.onnx", backend, DetectorSettings.defaults()), 3);
            List<DetectionResult> results = new ArrayList<>(batched.detect(images.subList(0, 3)));
            results.addAll(batched.detect(images.subList(3, 5))); // a partial batch: the engine still runs 4 items, 2 are ignored
            for (int i = 0; i < images.size(); i++) {
                assertThat(results.get(i).detections()).isEqualTo(single.detect(images.get(i).image(), images.get(i).source()).detections());
            }
            assertThat(results).anySatisfy(r -> assertThat(r.detections()).isNotEmpty());
            assertThatThrownBy(() -> new BatchDetector(single, 5)).hasMessageContaining("larger than the model's fixed batch of 4");
        }
    }

    @Test
    void aBatchLargerThanAFixedBatchOfOneNamesTheFix() throws Exception {
        try (OnnxRuntimeBackend backend = OnnxRuntimeBackend.fromBytes(fixedBatchOnnx, "fixed.onnx", 1)) {
            Detector detector = Detector.fromMetadata("fixed.onnx", backend, DetectorSettings.defaults());
            assertThatThrownBy(() -> new BatchDetector(detector, 8))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("fixed.onnx: the batch size 8 is larger than the model's fixed batch of 1; use the batch size 1"
                            + " or less, or rebuild it for larger batches")
                    .isInstanceOfSatisfying(SettingException.class, e -> assertThat(e.render(s -> "<" + s + ">")).isEqualTo(
                            "fixed.onnx: <BATCH_SIZE> 8 is larger than the model's fixed batch of 1; use <BATCH_SIZE> 1 or less, or"
                            + " rebuild it for larger batches (trtpipe darknet2onnx <DYNAMIC_BATCH>, then onnx2trt <BATCH_PROFILE> 1:8:8)"));
        }
    }

    @Test
    void thePoolReportsAnUnreadableImageInPlaceAndGoesOn() throws Exception {
        Path broken = Files.writeString(tmp.resolve("broken.png"), "not a png");
        List<Path> files = List.of(SharedRefs.resolve(IMAGES.get(0)), broken, SharedRefs.resolve(IMAGES.get(1)),
                tmp.resolve("missing.jpg"), SharedRefs.resolve(IMAGES.get(2)));
        try (SharedBackend backend = SharedBackend.of(OnnxRuntimeBackend.fromBytes(dynamicBatchOnnx, "yolo-fastest.onnx", 1));
             BatchDetectionPool pool = new BatchDetectionPool(backend, 2, 2,
                     b -> Detector.fromMetadata("yolo-fastest.onnx", b, DetectorSettings.defaults()))) {
            Detector single = Detector.fromMetadata("yolo-fastest.onnx", backend, DetectorSettings.defaults());
            List<ImageOutcome> outcomes = new ArrayList<>();
            pool.detectFiles(files, outcomes::add);

            assertThat(outcomes).extracting(ImageOutcome::source).containsExactlyElementsOf(files.stream().map(Path::toString).toList());
            assertThat(outcomes.get(1)).isInstanceOfSatisfying(ImageOutcome.Failed.class,
                    f -> assertThat(f.message()).startsWith(broken + ": "));
            assertThat(outcomes.get(3)).isInstanceOfSatisfying(ImageOutcome.Failed.class,
                    f -> assertThat(f.message()).isEqualTo(tmp.resolve("missing.jpg") + ": no such file"));
            for (int i : new int[] {0, 2, 4}) {
                assertThat(outcomes.get(i)).isInstanceOfSatisfying(ImageOutcome.Detected.class, d -> {
                    try {
                        assertThat(d.result().detections()).isEqualTo(single.detect(files.get(i)).detections());
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                });
            }
        }
    }
}
