package dev.trtpipe.etlt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two NGC caches in ../shared/etlt; expected values from docs/etlt.md §8. */
class CalibrationCacheTest {

    @TempDir
    Path dir;

    @Test
    void readsTheTensorRt7LpdnetCache() throws IOException {
        CalibrationCache cache = CalibrationCache.read(Shared.LPD_CAL);

        assertThat(cache.header()).isEqualTo("TRT-7000-EntropyCalibration2");
        assertThat(cache.scales()).hasSize(38); // 39 lines, one of them the header
        assertThat(cache.scales().get("input_1")).isCloseTo(0.0078738f, within(1e-7f));
        assertThat(cache.dynamicRange("input_1")).isCloseTo(1.0f, within(1e-4f));
    }

    @Test
    void readsTheTensorRt8FpenetCacheWithColonsInNames() throws IOException {
        CalibrationCache cache = CalibrationCache.read(Shared.FPENET_CAL);

        assertThat(cache.header()).isEqualTo("TRT-8001-EntropyCalibration2");
        assertThat(cache.scales()).hasSize(68).containsKey("activation_1_1/Relu:0_pooling0");
        assertThat(cache.scales().get("input_face_images")).isCloseTo(2.00918f, within(1e-5f));
        assertThat(cache.dynamicRange("input_face_images")).isCloseTo(255.2f, within(0.05f));
    }

    @Test
    void acceptsCrLfAndAMissingFinalNewline() throws IOException {
        Path file = Files.writeString(dir.resolve("crlf.cache"), "TRT-8601-EntropyCalibration2\r\ndata: 3c010108\r\nsoftargmax:1: 3f800000");

        CalibrationCache cache = CalibrationCache.read(file);

        assertThat(cache.scales()).containsOnlyKeys("data", "softargmax:1");
        assertThat(cache.scales().get("softargmax:1")).isEqualTo(1.0f);
    }

    @Test
    void rejectsAFileWithoutHeader() throws IOException {
        Path file = Files.writeString(dir.resolve("images.txt"), "not a cache\n");

        assertThatThrownBy(() -> CalibrationCache.read(file))
                .hasMessage(file + " line 1: not a TensorRT calibration cache (expected a header like"
                        + " TRT-8001-EntropyCalibration2, found 'not a cache')");
    }

    @Test
    void namesTheBadLine() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.cache"), "TRT-8001-EntropyCalibration2\ninput: 3c0101\n");

        assertThatThrownBy(() -> CalibrationCache.read(file))
                .hasMessage(file + " line 2: expected '<tensor name>: <8 hex digits>', found 'input: 3c0101'");
    }
}
