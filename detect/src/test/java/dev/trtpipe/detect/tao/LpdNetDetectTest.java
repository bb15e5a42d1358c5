package dev.trtpipe.detect.tao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.trtpipe.detect.DetectionResult;
import dev.trtpipe.detect.Detector;
import dev.trtpipe.detect.onnxrt.OnnxRuntimeBackend;
import dev.trtpipe.detect.postprocess.Detection;
import dev.trtpipe.detect.postprocess.PixelBox;
import dev.trtpipe.detect.testing.SharedRefs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * NVIDIA's TAO5 ONNX of LPDNet (DetectNet_v2) with its own nvinfer config, on ONNX Runtime. The plate
 * locations were read by eye from zoomed crops of the photos with a 10-pixel grid, not from our output.
 */
class LpdNetDetectTest {

    private static final Path DIR = SharedRefs.resolve("etlt/lpdnet_onnx");
    private static final Path PLATES = SharedRefs.resolve("images/plates");

    /** washington-azm9591.jpg: the plate spans x 213–346, y 370–431 (by eye). */
    @Test
    void findsTheWashingtonPlateWhereItIs() throws Exception {
        TaoDetectionSpec spec = NvinferConfig.parse(DIR.resolve("sgie_lpd_DetectNet2_us.txt")).spec();
        try (OnnxRuntimeBackend backend = OnnxRuntimeBackend.open(DIR.resolve("LPDNet_usa_pruned_tao5.onnx"), 1)) {
            Detector detector = Detector.forTao("lpdnet", backend, spec);
            DetectionResult result = detector.detect(PLATES.resolve("washington-azm9591.jpg"));

            assertThat(result.detections()).singleElement().satisfies(d -> {
                assertThat(d.classId()).isZero();
                assertThat(d.probability()).isGreaterThan(0.5f);
                PixelBox p = d.pixels();
                assertThat((double) p.left()).isCloseTo(213, within(8.0));
                assertThat((double) p.top()).isCloseTo(370, within(8.0));
                assertThat((double) p.right()).isCloseTo(346, within(8.0));
                assertThat((double) p.bottom()).isCloseTo(431, within(8.0));
            });
        }
    }

    /**
     * The carried spec gives the same run: metadata written by toMetadata() and read by Detector.fromMetadata
     * (what an engine sidecar holds). h786poj.jpg's EU plate (x 142–292, y 381–412 by eye) is weak for
     * this US model: only below the config's 0.3 threshold, and there on the plate.
     */
    @Test
    void theEuPlateIsOnlyAWeakCandidateButInTheRightPlace() throws Exception {
        TaoDetectionSpec spec = NvinferConfig.parse(DIR.resolve("sgie_lpd_DetectNet2_us.txt")).spec();
        ClassAttributes low = spec.allClasses().with("pre-cluster-threshold", "0.05");
        TaoDetectionSpec lowSpec = new TaoDetectionSpec(spec.inputChannels(), spec.inputHeight(), spec.inputWidth(),
                spec.netScaleFactor(), spec.offsets(), spec.colorFormat(), spec.maintainAspectRatio(),
                spec.symmetricPadding(), spec.classes(), spec.outputNames(), spec.labels(), spec.clusterMode(), low,
                spec.perClass());
        try (OnnxRuntimeBackend backend = OnnxRuntimeBackend.open(DIR.resolve("LPDNet_usa_pruned_tao5.onnx"), 1)) {
            Detector strict = Detector.forTao("lpdnet", backend, spec);
            assertThat(strict.detect(PLATES.resolve("h786poj.jpg")).detections()).isEmpty();

            Detector weak = Detector.forTao("lpdnet", backend, lowSpec);
            Detection best = weak.detect(PLATES.resolve("h786poj.jpg")).detections().get(0);
            assertThat(best.probability()).isLessThan(0.3f);
            assertThat(iou(best.pixels(), new PixelBox(142, 381, 292, 412))).isGreaterThan(0.5);
        }
    }

    /** A config written for another input size (the TLT DetectNet_v2 sample's 544×960) is refused, naming the fix. */
    @Test
    void aConfigForAnotherInputSizeIsRefused() throws Exception {
        TaoDetectionSpec other = NvinferConfig.parse(SharedRefs.resolve("etlt/tlt-samples/detectnet_v2/pgie_detectnet_v2_tlt_config.txt")).spec();
        try (OnnxRuntimeBackend backend = OnnxRuntimeBackend.open(DIR.resolve("LPDNet_usa_pruned_tao5.onnx"), 1)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Detector.forTao("lpdnet", backend, other))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("lpdnet: input input_1:0 float[?,3,480,640] does not match the TAO spec (infer-dims,"
                            + " model-color-format) (3x544x960); fix the nvinfer config");
        }
    }

    private static double iou(PixelBox a, PixelBox b) {
        double iw = Math.min(a.right(), b.right()) - Math.max(a.left(), b.left());
        double ih = Math.min(a.bottom(), b.bottom()) - Math.max(a.top(), b.top());
        if (iw <= 0 || ih <= 0) {
            return 0;
        }
        double inter = iw * ih;
        return inter / ((double) a.width() * a.height() + (double) b.width() * b.height() - inter);
    }
}
