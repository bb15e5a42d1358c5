package dev.trtpipe.trt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against the real tao caches in ../shared/etlt (values from docs/etlt.md §8). */
class CalibrationCacheTest {

    private static final Path ETLT = Path.of(System.getProperty("trtpipe.shared", "../shared")).resolve("etlt");

    @Test
    void readsTheFpenetCacheWrittenByTensorRt8() throws Exception {
        CalibrationCache cache = CalibrationCache.read(ETLT.resolve("fpenet_cal.txt"));
        assertThat(cache.header()).isEqualTo("TRT-8001-EntropyCalibration2");
        assertThat(cache.version()).isEqualTo("8001");
        assertThat(cache.algorithm()).isEqualTo(CalibrationCache.ENTROPY_2);
        assertThat(cache.scales()).hasSize(68); // 69 lines, the header included
        assertThat(cache.scales().get("input_face_images")).isCloseTo(2.00918f, within(1e-5f));
        assertThat(cache.dynamicRange("input_face_images")).isCloseTo(255.2f, within(0.05f));
        assertThat(cache.scales()).containsKey("activation_1_1/Relu:0_pooling0");
    }

    @Test
    void readsTheLpdCacheWrittenByTensorRt7() throws Exception {
        CalibrationCache cache = CalibrationCache.read(ETLT.resolve("usa_lpd_cal.bin"));
        assertThat(cache.header()).isEqualTo("TRT-7000-EntropyCalibration2");
        assertThat(cache.scales().get("input_1")).isCloseTo(0.0078738f, within(1e-7f));
        assertThat(cache.dynamicRange("input_1")).isCloseTo(1.0f, within(1e-4f));
    }

    @Test
    void writesBothCachesBackByteForByte() throws Exception {
        for (String name : new String[] {"fpenet_cal.txt", "usa_lpd_cal.bin"}) {
            byte[] original = Files.readAllBytes(ETLT.resolve(name));
            assertThat(CalibrationCache.parse(original, name).toBytes()).as(name).isEqualTo(original);
        }
    }

    @Test
    void writeIsAtomicAndReadable(@TempDir Path dir) throws Exception {
        CalibrationCache cache = CalibrationCache.read(ETLT.resolve("usa_lpd_cal.bin"));
        Path out = dir.resolve("copy.cache");
        cache.write(out);
        assertThat(CalibrationCache.read(out)).isEqualTo(cache);
        assertThat(dir.toFile().list()).containsExactly("copy.cache");
    }

    @Test
    void acceptsCrLfAndAMissingFinalNewline() {
        byte[] text = "TRT-100600-EntropyCalibration2\r\nimages: 3c010a14\r\nout: 3f800000".getBytes(StandardCharsets.US_ASCII);
        CalibrationCache cache = CalibrationCache.parse(text, "mem");
        assertThat(cache.scales()).containsOnlyKeys("images", "out");
        assertThat(cache.scales().get("out")).isEqualTo(1.0f);
    }

    @Test
    void namesTheLineOfAMalformedEntry() {
        byte[] text = "TRT-8001-EntropyCalibration2\nimages: 3c010a14\nbroken line\n".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> CalibrationCache.parse(text, "cal.txt"))
                .hasMessageStartingWith("cal.txt:3: expected '<tensor name>: <8 hex digits>'");
    }

    @Test
    void rejectsAFileThatIsNotACache() {
        assertThatThrownBy(() -> CalibrationCache.parse("{\"json\": true}".getBytes(StandardCharsets.US_ASCII), "x.json"))
                .hasMessageStartingWith("x.json:1: not a TensorRT calibration cache");
    }
}
