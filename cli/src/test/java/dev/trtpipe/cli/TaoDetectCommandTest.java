package dev.trtpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trtpipe.detect.testing.SharedRefs;
import dev.trtpipe.onnx.OnnxMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code detect --nvinfer-config} and {@code tao-spec} on NVIDIA's LPDNet ONNX: the plate of
 * washington-azm9591.jpg (x 213–346, y 370–431 by eye) is found with the config, and with the spec
 * embedded in the ONNX the config is no longer needed.
 */
class TaoDetectCommandTest {

    private static final Path LPD = SharedRefs.resolve("etlt/lpdnet_onnx");
    private static final String MODEL = LPD.resolve("LPDNet_usa_pruned_tao5.onnx").toString();
    private static final String CONFIG = LPD.resolve("sgie_lpd_DetectNet2_us.txt").toString();
    private static final String IMAGE = SharedRefs.resolve("images/plates/washington-azm9591.jpg").toString();

    @TempDir
    Path tmp;

    @Test
    void detectWithTheNvinferConfigFindsThePlate() {
        CliRun run = CliRun.of("detect", "--model", MODEL, "--nvinfer-config", CONFIG, "--image", IMAGE);

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).contains("3x480x640 input, 1 classes, DetectNet_v2 grid 40x30")
                .contains("cluster-mode 3 (hybrid)").contains("1 detection")
                .containsPattern("lpd: +\\d+% +left +21\\d +top +3[67]\\d +right +34\\d +bottom +4[23]\\d");
    }

    @Test
    void taoSpecEmbedsTheConfigSoDetectNeedsNoOtherArgument() throws Exception {
        Path out = tmp.resolve("lpd-tao.onnx");
        CliRun spec = CliRun.of("tao-spec", "--onnx", MODEL, "--nvinfer-config", CONFIG, "--out", out.toString());
        assertThat(spec.exit()).as(spec.err()).isEqualTo(ExitCode.OK);
        assertThat(OnnxMetadata.read(out)).containsEntry("tao.cluster-mode", "3").containsEntry("tao.labels", "lpd");

        CliRun run = CliRun.of("detect", "--model", out.toString(), "--image", IMAGE);

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).containsPattern("lpd: +\\d+% +left +21\\d +top +3[67]\\d +right +34\\d +bottom +4[23]\\d");
    }

    @Test
    void flagsOverrideTheConfigAndBadOnesAreUsageErrors() throws Exception {
        // BGR instead of RGB: same geometry, different colours; the run still works and says so
        CliRun bgr = CliRun.of("detect", "--model", MODEL, "--nvinfer-config", CONFIG, "--color-format", "BGR", "--image", IMAGE);
        assertThat(bgr.exit()).as(bgr.err()).isEqualTo(ExitCode.OK);
        assertThat(bgr.out()).contains("BGR");

        CliRun bad = CliRun.of("detect", "--model", MODEL, "--nvinfer-config", CONFIG, "--net-scale-factor", "-1", "--image", IMAGE);
        assertThat(bad.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(bad.lastErrLine()).contains("--net-scale-factor must be a positive number, got '-1'");

        Path broken = Files.writeString(tmp.resolve("broken.txt"), "[property]\ncluster-mode=nine\n");
        CliRun badConfig = CliRun.of("detect", "--model", MODEL, "--nvinfer-config", broken.toString(), "--image", IMAGE);
        assertThat(badConfig.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(badConfig.lastErrLine()).contains(broken + ":2: cluster-mode must be an integer, got 'nine'");
        assertThat(Files.exists(tmp.resolve("lpd-tao.onnx"))).isFalse();
    }
}
