package dev.trtpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trtpipe.detect.testing.SharedRefs;
import dev.trtpipe.video.TestVideos;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --gpu-preprocess} where it cannot apply, on this GPU-less machine: one line each, never a stack
 * trace. (On the GPU: gpu/pinned.sh.)
 */
class GpuPreprocessOptionTest {

    @TempDir
    Path tmp;

    private static String dog() {
        return SharedRefs.resolve("images/dog_decoded.png").toString();
    }

    @Test
    void anOnnxModelIsAUsageError() throws Exception {
        CliRun run = CliRun.of("detect", "--model", "yolo.onnx", "--gpu-preprocess", dog());

        assertThat(run.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("--gpu-preprocess prepares a TensorRT engine's input on the GPU; yolo.onnx is not an engine"
                + " (.plan/.engine): drop --gpu-preprocess or build one with trtpipe onnx2trt").doesNotContain("\tat ");
    }

    @Test
    void videoTakesItForEnginesAndRefusesAnOnnxModelInOneLine() throws Exception {
        Path clip = TestVideos.write(tmp.resolve("clip.mp4"), 2, 10, 160, 120);
        for (String[] command : new String[][] {
                {"detect", "--model", "yolo.onnx", "--video", clip.toString(), "--gpu-preprocess"},
                {"bench-video", clip.toString(), "--model", "yolo.onnx", "--gpu-preprocess"}}) {
            CliRun run = CliRun.of(command);

            assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.USAGE);
            assertThat(run.err()).contains("--gpu-preprocess prepares a TensorRT engine's input on the GPU; yolo.onnx is not an engine")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void benchVideoWithoutANetworkHasNothingToPrepare() {
        CliRun run = CliRun.of("bench-video", "--no-detect", "--image", dog(), "--gpu-preprocess");

        assertThat(run.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("--gpu-preprocess prepares the network's input; --no-detect runs no network: drop one");
    }

    @Test
    void benchDetectMeasuresItOnlyInTheBatchSweep() throws Exception {
        CliRun run = CliRun.of("bench-detect", "--model", "yolo.plan", "--image", dog(), "--gpu-preprocess");

        assertThat(run.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("--gpu-preprocess is measured by the batch sweep: add --batches");
    }

    @Test
    void withoutTensorRtTheEngineReportsWhatIsMissingAsWithoutTheFlag() throws Exception {
        Path plan = tmp.resolve("yolo.plan");
        Files.write(plan, new byte[] {1, 2, 3});

        CliRun with = CliRun.of("detect", "--model", plan.toString(), "--gpu-preprocess", dog());
        CliRun without = CliRun.of("detect", "--model", plan.toString(), dog());

        assertThat(with.exit()).isEqualTo(without.exit()).isNotEqualTo(ExitCode.OK).isNotEqualTo(ExitCode.INTERNAL);
        assertThat(with.err()).isEqualTo(without.err()).doesNotContain("\tat ");
    }
}
