package dev.trtpipe.detect.tao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trtpipe.detect.Detector;
import dev.trtpipe.detect.InferenceBackend;
import dev.trtpipe.detect.TensorInfo;
import dev.trtpipe.detect.postprocess.Detection;
import dev.trtpipe.detect.postprocess.PixelBox;
import dev.trtpipe.detect.preprocess.RgbImage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The NMS plugin layouts found by their output shapes and run through {@link Detector}: boxes in
 * network pixels scaled back to the frame (a 200×100 image in a 100×100 input with the aspect kept,
 * top-left: ratio 0.5, so frame = network / 0.5).
 */
class TaoPipelineLayoutsTest {

    private static final TensorInfo INPUT = new TensorInfo("Input", new long[] {-1, 3, 100, 100}, "float");

    private static TaoDetectionSpec spec(ClusterMode mode) {
        return new TaoDetectionSpec(3, 100, 100, 1f, new float[] {103.939f, 116.779f, 123.68f}, ColorFormat.BGR, true, false,
                4, List.of(), List.of("bicycle", "car", "person", "road_sign"), mode,
                ClassAttributes.DEFAULTS.with("pre-cluster-threshold", "0.3"), Map.of());
    }

    @Test
    void nmsTrtOutputsAreFoundByShapeAndMappedToTheFrame() throws Exception {
        float[] rows = new float[200 * 7];
        System.arraycopy(new float[] {0, 1, 0.9f, 0.1f, 0.2f, 0.3f, 0.4f}, 0, rows, 0, 7);
        System.arraycopy(new float[] {0, 2, 0.2f, 0.5f, 0.2f, 0.6f, 0.4f}, 0, rows, 7, 7); // under 0.3
        InferenceBackend backend = new FixedBackend(List.of(
                new TensorInfo("NMS", new long[] {-1, 1, 200, 7}, "float"),
                new TensorInfo("NMS_1", new long[] {-1, 1, 1, 1}, "int32")), Map.of("NMS", rows, "NMS_1", new float[] {2}));

        Detector detector = Detector.forTao("ssd", backend, spec(ClusterMode.NMS));
        List<Detection> found = detector.detect(image(200, 100), "x").detections();

        assertThat(detector.pipeline().describePostprocessing()).startsWith("NMS_TRT (NMS keepTopK 200, count NMS_1)");
        // network box: x 10..30 (+1), y 20..40 (+1) → frame: /0.5
        assertThat(found).singleElement().satisfies(d -> {
            assertThat(d.classId()).isEqualTo(1);
            assertThat(d.pixels()).isEqualTo(new PixelBox(20, 40, 62, 82));
        });
    }

    @Test
    void batchedNmsFourOutputsAreFoundByShape() throws Exception {
        InferenceBackend backend = new FixedBackend(List.of(
                new TensorInfo("BatchedNMS", new long[] {-1, 1}, "int32"),
                new TensorInfo("BatchedNMS_1", new long[] {-1, 2, 4}, "float"),
                new TensorInfo("BatchedNMS_2", new long[] {-1, 2}, "float"),
                new TensorInfo("BatchedNMS_3", new long[] {-1, 2}, "float")),
                Map.of("BatchedNMS", new float[] {1}, "BatchedNMS_1", new float[] {0.5f, 0.25f, 1f, 0.5f, 0, 0, 0, 0},
                        "BatchedNMS_2", new float[] {0.8f, 0}, "BatchedNMS_3", new float[] {3, 0}));

        List<Detection> found = Detector.forTao("yolo", backend, spec(ClusterMode.HYBRID)).detect(image(200, 100), "x").detections();

        // network x 50..99 (clipped to net − 1), y 25..50 → frame 100..198, 50..100
        assertThat(found).singleElement().satisfies(d -> {
            assertThat(d.classId()).isEqualTo(3);
            assertThat(d.probability()).isEqualTo(0.8f);
            assertThat(d.pixels()).isEqualTo(new PixelBox(100, 50, 198, 99));
        });
    }

    /**
     * The UFF translation of usa_pruned.etlt names its tensors without TensorFlow's ":0" (input_1,
     * output_cov/Sigmoid, output_bbox/BiasAdd); LPDNet's nvinfer config lists them with it. One cell at
     * (w=10, h=5) predicting network box (150, 70)–(200, 95), stride 16: frame = network (640×480 stretched
     * from a 640×480 image).
     */
    @Test
    void uffNamedDetectNetOutputsMatchTheConfigsNamesWithPort() throws Exception {
        TaoDetectionSpec lpd = NvinferConfig.parse(dev.trtpipe.detect.testing.SharedRefs.resolve(
                "etlt/lpdnet_onnx/sgie_lpd_DetectNet2_us.txt")).spec();
        int gw = 40;
        int gh = 30;
        float[] cov = new float[gw * gh];
        float[] bbox = new float[4 * gw * gh];
        int i = 5 * gw + 10;
        double cx = (10 * 16 + 0.5) / 35;
        double cy = (5 * 16 + 0.5) / 35;
        cov[i] = 0.8f;
        bbox[i] = (float) (cx - 150 / 35.0);
        bbox[gw * gh + i] = (float) (cy - 70 / 35.0);
        bbox[2 * gw * gh + i] = (float) (200 / 35.0 - cx);
        bbox[3 * gw * gh + i] = (float) (95 / 35.0 - cy);
        InferenceBackend backend = new FixedBackend(new TensorInfo("input_1", new long[] {-1, 3, 480, 640}, "float"), List.of(
                new TensorInfo("output_bbox/BiasAdd", new long[] {-1, 4, gh, gw}, "float"),
                new TensorInfo("output_cov/Sigmoid", new long[] {-1, 1, gh, gw}, "float")),
                Map.of("output_cov/Sigmoid", cov, "output_bbox/BiasAdd", bbox));

        List<Detection> found = Detector.forTao("usa_pruned.onnx", backend, lpd).detect(image(640, 480), "x").detections();

        assertThat(found).singleElement().satisfies(d -> {
            assertThat(d.probability()).isEqualTo(0.8f);
            assertThat(d.pixels()).isEqualTo(new PixelBox(150, 70, 200, 95));
        });
    }

    @Test
    void outputsOfNoTaoLayoutAreRejectedWithTheModelName() {
        InferenceBackend backend = new FixedBackend(List.of(new TensorInfo("logits", new long[] {-1, 1000}, "float")), Map.of());
        assertThatThrownBy(() -> Detector.forTao("classifier.onnx", backend, spec(ClusterMode.NMS)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("classifier.onnx: outputs [logits float[?,1000]] are none of the TAO detector layouts");
    }

    private static RgbImage image(int w, int h) {
        return RgbImage.ofPlanes(w, h, new byte[3 * w * h]);
    }

    /** Returns the same outputs whatever the input. */
    private record FixedBackend(TensorInfo input, List<TensorInfo> outputs, Map<String, float[]> results) implements InferenceBackend {

        FixedBackend(List<TensorInfo> outputs, Map<String, float[]> results) {
            this(INPUT, outputs, results);
        }

        @Override
        public String name() {
            return "fixed";
        }

        @Override
        public Map<String, String> metadata() {
            return Map.of();
        }

        @Override
        public Map<String, float[]> infer(float[] input, long[] shape) {
            return results;
        }

        @Override
        public void close() {
        }
    }
}
