package dev.trtpipe.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.trtpipe.detect.testing.SharedRefs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A TAO detector through the same one call: NVIDIA's TAO5 ONNX of LPDNet with its own nvinfer config.
 * The plate's place was read by eye from a zoomed crop with a 10-pixel grid (as in detect's LpdNetDetectTest).
 */
class TaoDetectorTest {

    private static final Path DIR = SharedRefs.resolve("etlt/lpdnet_onnx");
    private static final Path WASHINGTON = SharedRefs.resolve("images/plates/washington-azm9591.jpg");

    /** washington-azm9591.jpg: the plate spans x 213–346, y 370–431 (by eye). */
    @Test
    void theNvinferConfigMakesItADetectorLabelledFromItsLabelFile() throws Exception {
        DetectorOptions options = DetectorOptions.builder()
                .nvinferConfig(DIR.resolve("sgie_lpd_DetectNet2_us.txt")).threads(1).build();
        try (ObjectDetector detector = Detectors.open(DIR.resolve("LPDNet_usa_pruned_tao5.onnx"), options)) {
            assertThat(detector.classNames()).containsExactly("lpd");
            assertThat(detector.detect(WASHINGTON).objects()).singleElement().satisfies(o -> {
                assertThat(o.className()).isEqualTo("lpd");
                assertThat(o.score()).isGreaterThan(0.5f);
                assertThat((double) o.box().left()).isCloseTo(213, within(8.0));
                assertThat((double) o.box().top()).isCloseTo(370, within(8.0));
                assertThat((double) o.box().right()).isCloseTo(346, within(8.0));
                assertThat((double) o.box().bottom()).isCloseTo(431, within(8.0));
            });
        }
    }

    @Test
    void aThresholdAboveThePlatesScoreReplacesTheConfigsAndFindsNothing() throws Exception {
        DetectorOptions options = DetectorOptions.builder()
                .nvinferConfig(DIR.resolve("sgie_lpd_DetectNet2_us.txt")).threshold(0.999f).threads(1).build();
        try (ObjectDetector detector = Detectors.open(DIR.resolve("LPDNet_usa_pruned_tao5.onnx"), options)) {
            assertThat(detector.detect(WASHINGTON).objects()).isEmpty();
        }
    }
}
