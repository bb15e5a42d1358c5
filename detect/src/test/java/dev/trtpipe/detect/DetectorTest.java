package dev.trtpipe.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trtpipe.darknet.NmsKind;
import dev.trtpipe.detect.onnxrt.OnnxRuntimeBackend;
import dev.trtpipe.detect.postprocess.Detection;
import dev.trtpipe.detect.testing.DetectionsTsv;
import dev.trtpipe.detect.testing.DetectionsTsv.Row;
import dev.trtpipe.detect.testing.ReferenceSpecs;
import dev.trtpipe.detect.testing.ReplayModels;
import dev.trtpipe.detect.testing.SharedRefs;
import dev.trtpipe.detect.testing.TinyOnnx;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The whole chain — load, preprocess, ONNX Runtime, decode, NMS — on a replay model whose heads are
 * darknet's own head-conv dumps: the result must be darknet's detections.tsv, with the defaults the
 * spec (from ONNX metadata) chooses.
 */
class DetectorTest {

    private static final String AB_RESIZE = "trained/alexeyab/yolo-fastest-1.1_dog_resize";
    private static final String PJ_LETTERBOX = "trained/pjreddie/yolo-fastest-1.1_dog_letterbox";

    @Test
    void reproducesDarknetThroughOnnxRuntimeWithTheSpecsDefaults() throws Exception {
        // the spec says: no letter_box, greedynms — AB's behaviour for Yolo-Fastest
        try (InferenceBackend backend = OnnxRuntimeBackend.fromBytes(ReplayModels.yoloFastest(AB_RESIZE), "replay.onnx", 1)) {
            Detector detector = Detector.fromMetadata("replay.onnx", backend, DetectorSettings.defaults());
            assertThat(detector.letterbox()).isFalse();
            assertThat(detector.postprocessSettings().nmsKind()).isEqualTo(NmsKind.GREEDYNMS);

            DetectionResult result = detector.detect(SharedRefs.resolve("images/dog_decoded.png"));

            assertMatches(result.detections(), DetectionsTsv.read(SharedRefs.resolve("ref/" + AB_RESIZE + "/detections.tsv")));
            assertThat(result.width()).isEqualTo(768);
            assertThat(result.timings().loadNanos()).isPositive();
            assertThat(result.timings().inferNanos()).isPositive();
        }
    }

    @Test
    void overridesSelectLetterboxAndPlainIou() throws Exception {
        try (InferenceBackend backend = OnnxRuntimeBackend.fromBytes(ReplayModels.yoloFastest(PJ_LETTERBOX), "replay.onnx", 1)) {
            Detector detector = Detector.fromMetadata("replay.onnx", backend,
                    DetectorSettings.defaults().withLetterbox(true).withNmsKind(NmsKind.DEFAULT));

            DetectionResult result = detector.detect(SharedRefs.resolve("images/dog_decoded.png"));

            assertMatches(result.detections(), DetectionsTsv.read(SharedRefs.resolve("ref/" + PJ_LETTERBOX + "/detections.tsv")));
        }
    }

    @Test
    void modelWithoutDarknetMetadataIsExplained() throws Exception {
        byte[] plain = TinyOnnx.identity(TinyOnnx.FLOAT, new Long[] {1L, 3L, 4L, 4L}, Map.of());
        try (InferenceBackend backend = OnnxRuntimeBackend.fromBytes(plain, "plain.onnx", 1)) {
            assertThatThrownBy(() -> Detector.fromMetadata("plain.onnx", backend, DetectorSettings.defaults()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("plain.onnx: has no darknet detection metadata");
        }
    }

    @Test
    void aGreyModelIsRefusedByTheDetectorNotTheBackend() throws Exception {
        byte[] grey = TinyOnnx.identity(TinyOnnx.FLOAT, new Long[] {1L, 1L, 320L, 320L}, ReferenceSpecs.yoloFastest().toMetadata());
        try (InferenceBackend backend = OnnxRuntimeBackend.fromBytes(grey, "grey.onnx", 1)) {
            assertThatThrownBy(() -> Detector.fromMetadata("grey.onnx", backend, DetectorSettings.defaults()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("grey.onnx: input x float[1,1,320,320] does not match the model's metadata (3x320x320); re-convert the model");
        }
    }

    private static void assertMatches(List<Detection> actual, List<Row> expected) {
        Comparator<int[]> order = Comparator.<int[]>comparingInt(a -> a[0]).thenComparingInt(a -> a[1]).thenComparingInt(a -> a[2]);
        List<int[]> got = actual.stream().map(d -> new int[] {d.classId(), d.pixels().left(), d.pixels().top(),
                d.pixels().right(), d.pixels().bottom(), Math.round(d.probability() * 1e5f)}).sorted(order).toList();
        List<int[]> want = expected.stream().map(r -> new int[] {r.classId(), r.left(), r.top(), r.right(), r.bottom(),
                Math.round(r.prob() * 1e5f)}).sorted(order).toList();
        assertThat(got).usingElementComparator((a, b) -> {
            for (int i = 0; i < 5; i++) {
                if (a[i] != b[i]) {
                    return 1;
                }
            }
            return Math.abs(a[5] - b[5]) <= 1 ? 0 : 1; // probabilities within 1e-5
        }).containsExactlyElementsOf(want);
    }
}
