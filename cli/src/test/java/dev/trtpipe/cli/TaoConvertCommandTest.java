package dev.trtpipe.cli;

import static dev.trtpipe.cli.EtltCommandsTest.FPENET;
import static dev.trtpipe.cli.EtltCommandsTest.LPDNET;
import static dev.trtpipe.cli.EtltCommandsTest.SHARED;
import static dev.trtpipe.cli.EtltCommandsTest.filesIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.trtpipe.trt.EngineMetadata;
import dev.trtpipe.trt.TrtAvailability;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trtpipe tao-convert} with tao-converter command lines (docs/peers.md §4.1) on the shared NGC files. */
class TaoConvertCommandTest {

    private static final String PROFILE = "input_face_images,1x1x80x80,32x1x80x80,64x1x80x80";

    @TempDir
    Path dir;

    @Test
    void dashHIsHelpAsInTaoConverter() {
        CliRun run = CliRun.of("tao-convert", "-h");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("trtpipe tao-convert [options] input_file", "-p <profile>", "-k <key>", "-m <batch>");
    }

    @Test
    void aDynamicOnnxWithoutProfileGetsAReadyProfileLine() throws IOException {
        CliRun run = CliRun.of("tao-convert", "-k", "nvidia_tlt", "-e", dir.resolve("fpenet.engine").toString(), FPENET);

        assertThat(run.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("input_face_images [N,1,80,80]: -p input_face_images,1x1x80x80,16x1x80x80,16x1x80x80").hasLineCount(1);
        assertThat(filesIn(dir)).isEmpty();
    }

    @Test
    void theDocumentsUffCommandIsTranslatedAndReachesTheBuild() throws IOException {
        assumeFalse(TrtAvailability.isAvailable(), "this host has TensorRT and a GPU");
        Path engine = dir.resolve("lpd.engine");

        CliRun run = CliRun.of("tao-convert", "-k", "nvidia_tlt", "-d", "3,480,640", "-o", "output_cov/Sigmoid,output_bbox/BiasAdd",
                "-e", engine.toString(), "-m", "16", "-t", "fp16", "-i", "nchw", "--opt-level", "0", LPDNET);

        assertThat(run.exit()).isEqualTo(ExitCode.NO_TENSORRT);
        assertThat(run.errOnScreen().get(0)).isEqualTo("building " + engine + " from " + LPDNET + " (UFF payload, translated to ONNX):"
                + " fp16, workspace 1073741824 bytes, profile input_1,1x3x480x640,16x3x480x640,16x3x480x640");
        assertThat(filesIn(dir)).isEmpty();
    }

    @Test
    void uffFlagsThatContradictTheGraphAreUsageErrors() throws IOException {
        CliRun run = CliRun.of("tao-convert", "-k", "nvidia_tlt", "-d", "3,300,300", "-o", "NMS", "-e", dir.resolve("lpd.engine").toString(), LPDNET);

        assertThat(run.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("-d 3,480,640").hasLineCount(1);
        assertThat(filesIn(dir)).isEmpty();
    }

    @Test
    void withoutTensorRtTheBuildEndsWithExit3AfterEveryCheckPassed() throws IOException {
        assumeFalse(TrtAvailability.isAvailable(), "this host has TensorRT and a GPU");
        Path engine = dir.resolve("fpenet.engine");

        CliRun run = CliRun.of("tao-convert", "-k", "nvidia_tlt", "-d", "1,80,80", "-m", "64", "-t", "int8",
                "-c", SHARED.resolve("fpenet_cal.txt").toString(), "-p", PROFILE, "-e", engine.toString(), FPENET);

        assertThat(run.exit()).isEqualTo(ExitCode.NO_TENSORRT);
        List<String> screen = run.errOnScreen();
        assertThat(screen).hasSize(5);
        assertThat(screen.subList(0, 4)).containsExactly(
                "warning: -d 1,80,80 is not needed for ONNX models (input input_face_images is declared [N,1,80,80]); ignored",
                "warning: -m 64 applies only to implicit-batch (UFF) engines; ignored: the batch range of an ONNX model comes from -p",
                "warning: " + SHARED.resolve("fpenet_cal.txt") + " (TRT-8001-EntropyCalibration2): 65 of 68 tensor names are in this"
                        + " model (TensorRT names tensors per version and export); layers on tensors without a range fall back from INT8",
                "building " + engine + " from " + FPENET + " (ONNX payload): int8, workspace 1073741824 bytes, profile " + PROFILE
                        + ", calibration cache " + SHARED.resolve("fpenet_cal.txt"));
        assertThat(run.lastErrLine()).startsWith("trtpipe tao-convert: TensorRT is not usable on this host: missing ")
                .contains("libcuda.so.1");
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
        assertThat(filesIn(dir)).isEmpty(); // neither an engine, nor its sidecar, nor the temporary ONNX
    }

    /** The real build; runs only where TensorRT and a GPU are present. */
    @Test
    void onAGpuHostTheEngineAndItsSidecarAreWritten() throws IOException {
        assumeTrue(TrtAvailability.isAvailable(), "needs TensorRT and a GPU");
        Path engine = dir.resolve("fpenet.engine");

        CliRun run = CliRun.of("tao-convert", "-k", "nvidia_tlt", "-t", "fp16", "-p", PROFILE, "-e", engine.toString(), FPENET);

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("wrote " + engine + " (").contains("wrote " + engine + ".json");
        assertThat(filesIn(dir)).containsExactlyInAnyOrder("fpenet.engine", "fpenet.engine.json");
        assertThat(EngineMetadata.readFor(engine)).hasValueSatisfying(m -> {
            assertThat(m.sourceOnnx()).isEqualTo("faciallandmarks.etlt");
            assertThat(m.precision()).isEqualTo("fp16");
            assertThat(m.profiles()).containsExactly(PROFILE);
        });
    }

    @Test
    void aBadFlagValueIsAUsageError() {
        CliRun run = CliRun.of("tao-convert", "-k", "nvidia_tlt", "-t", "fp64", FPENET);

        assertThat(run.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).isEqualTo("trtpipe tao-convert: -t: unknown precision 'fp64': use fp32, fp16 or int8\n");
    }
}
