package dev.trtpipe.detect.ingraph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trtpipe.darknet.HeadMode;
import dev.trtpipe.darknet.NmsKind;
import dev.trtpipe.detect.ClassNames;
import dev.trtpipe.detect.DetectionResult;
import dev.trtpipe.detect.Detector;
import dev.trtpipe.detect.DetectorSettings;
import dev.trtpipe.detect.SettingException;
import dev.trtpipe.detect.onnxrt.OnnxRuntimeBackend;
import dev.trtpipe.detect.postprocess.Detection;
import dev.trtpipe.detect.report.DetectionJson;
import dev.trtpipe.detect.testing.ConvertedModels;
import dev.trtpipe.detect.testing.DetectionMatching;
import dev.trtpipe.detect.testing.SharedRefs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link Detector#fromMetadata} picks the post-processing from {@code darknet.head_mode}, with no option:
 * the whole chain (image, preprocessing, ONNX Runtime) on the trained Yolo-Fastest in each mode gives the
 * raw model's detections.
 */
class DetectorHeadModesTest {

    private static final Path DOG = SharedRefs.resolve("images/dog_decoded.png");
    private static final HeadMode.Nms NMS = new HeadMode.Nms(HeadMode.NmsOp.ONNX, 0.25f, 0.45f, 100);

    private static ConvertedModels fastest;

    @BeforeAll
    static void load() {
        fastest = ConvertedModels.yoloFastest();
    }

    @Test
    void decodeModelsGetDarknetsThresholdsAndTheCfgsNms() throws Exception {
        DetectorSettings defaults = DetectorSettings.defaults();
        List<Detection> raw = detect(HeadMode.raw(), defaults).detections();

        DetectionResult decoded = detect(HeadMode.decode(), defaults);

        DetectionMatching.assertSame(decoded.detections(), raw, 1e-6);
        assertThat(raw).hasSize(8); // greedynms, from the cfg, as for the raw model
    }

    @Test
    void nmsModelsReportTheirOwnSelectionWithoutObjectness() throws Exception {
        List<Detection> rawPlainIou = detect(HeadMode.raw(), DetectorSettings.defaults().withNmsKind(NmsKind.DEFAULT)).detections();

        DetectionResult suppressed = detect(NMS, DetectorSettings.defaults());

        DetectionMatching.assertSame(suppressed.detections(), rawPlainIou, 1e-6);
        JsonNode first = DetectionJson.toTree(suppressed, ClassNames.numbered()).get("detections").get(0);
        assertThat(first.get("objectness").isNull()).isTrue();
        assertThat(first.get("prob").floatValue()).isPositive();
    }

    @Test
    void aHigherThresholdFiltersTheInGraphSelection() throws Exception {
        List<Detection> all = detect(NMS, DetectorSettings.defaults()).detections();

        List<Detection> confident = detect(NMS, DetectorSettings.defaults().withThreshold(0.5f)).detections();

        assertThat(confident).isNotEmpty().hasSizeLessThan(all.size())
                .containsExactlyElementsOf(all.stream().filter(d -> d.probability() > 0.5f).toList());
    }

    @Test
    void settingsTheInGraphNmsCannotHonourAreRefused() throws Exception {
        try (OnnxRuntimeBackend backend = OnnxRuntimeBackend.fromBytes(fastest.onnx(NMS), "nms.onnx", 1)) {
            assertThat(Detector.fromMetadata("nms.onnx", backend, DetectorSettings.defaults()).describePostprocessing())
                    .isEqualTo("nms in the model (NonMaxSuppression, IoU 0.45, at most 100), thresh 0.25");
            assertThatThrownBy(() -> Detector.fromMetadata("nms.onnx", backend, DetectorSettings.defaults().withThreshold(0.1f)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("nms.onnx: the model suppresses in its graph and keeps only scores above 0.25, so threshold 0.10"
                            + " cannot be applied")
                    .isInstanceOfSatisfying(SettingException.class, e -> assertThat(e.render(s -> "<" + s + ">")).isEqualTo(
                            "nms.onnx: the model suppresses in its graph and keeps only scores above 0.25, so threshold 0.10"
                            + " cannot be applied; re-export with darknet2onnx <HEAD> nms <SCORE_THRESHOLD> 0.10, or with <HEAD> decode"));
            assertThatThrownBy(() -> Detector.fromMetadata("nms.onnx", backend, DetectorSettings.defaults().withNmsThreshold(0.6f)))
                    .hasMessageContaining("suppresses in its graph at IoU 0.45, so NMS threshold 0.60 cannot be applied; pass 0.45");
            assertThatThrownBy(() -> Detector.fromMetadata("nms.onnx", backend, DetectorSettings.defaults().withNmsKind(NmsKind.GREEDYNMS)))
                    .hasMessageContaining("plain IoU (darknet's default), so nms kind greedynms cannot be applied");
        }
    }

    @Test
    void aModelWhoseOutputsContradictItsHeadModeIsRefused() throws Exception {
        // decoded outputs, but metadata claiming raw heads: the detector must not guess
        byte[] decoded = fastest.onnx(HeadMode.decode());
        try (OnnxRuntimeBackend backend = OnnxRuntimeBackend.fromBytes(decoded, "decoded.onnx", 1)) {
            assertThatThrownBy(() -> new Detector("decoded.onnx", backend, fastest.spec(), DetectorSettings.defaults()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("decoded.onnx: has no output '120_convolutional' for detection layer 121");
        }
    }

    private static DetectionResult detect(HeadMode mode, DetectorSettings settings) throws Exception {
        try (OnnxRuntimeBackend backend = OnnxRuntimeBackend.fromBytes(fastest.onnx(mode), mode.cliName() + ".onnx", 1)) {
            Detector detector = Detector.fromMetadata(mode.cliName() + ".onnx", backend, settings);
            assertThat(detector.headMode()).isEqualTo(mode);
            return detector.detect(DOG);
        }
    }
}
