package dev.trtpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trtpipe.detect.testing.SharedRefs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench-detect} on TAO detectors (it used to stop at "not a darknet model"): NVIDIA's LPDNet ONNX with its
 * nvinfer config, and the UFF translation of usa_pruned.etlt with the spec embedded. The photo holds one plate.
 */
class BenchDetectTaoTest {

    private static final Path LPD = SharedRefs.resolve("etlt/lpdnet_onnx");
    private static final String CONFIG = LPD.resolve("sgie_lpd_DetectNet2_us.txt").toString();
    private static final String IMAGE = SharedRefs.resolve("images/plates/washington-azm9591.jpg").toString();

    @TempDir
    Path tmp;

    @Test
    void taoOnnxWithItsNvinferConfigIsBenchmarkedAtItsOwnInputSize() {
        CliRun run = CliRun.of("bench-detect", "--model", LPD.resolve("LPDNet_usa_pruned_tao5.onnx").toString(), "--nvinfer-config",
                CONFIG, "--image", IMAGE, "--iterations", "2", "--rounds", "1", "--threads", "2");

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).contains("(onnxruntime-cpu, 640x480 input) on " + IMAGE + " (560x510, 1 detections")
                .containsPattern("\\(c\\) detect, 1 thread +2 ");
    }

    @Test
    void translatedUffWithEmbeddedSpecNeedsNoConfigAndSweepsBatches() {
        Path onnx = tmp.resolve("usa_pruned.onnx");
        CliRun convert = CliRun.of("etlt2onnx", "-k", "nvidia_tlt", SharedRefs.resolve("etlt/usa_pruned.etlt").toString(), "-o",
                onnx.toString(), "--nvinfer-config", CONFIG);
        assertThat(convert.exit()).as(convert.err()).isEqualTo(ExitCode.OK);

        CliRun run = CliRun.of("bench-detect", "--model", onnx.toString(), "--image", IMAGE, "--iterations", "2", "--rounds", "1",
                "--threads", "1", "--batches", "1,2");

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).containsPattern("(?m)^ +1 +[0-9.]+ +- +[0-9.]+ ").containsPattern("(?m)^ +2 +[0-9.]+ +- +[0-9.]+ ");
    }
}
