package dev.trtpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trtpipe.darknet.NmsKind;
import dev.trtpipe.detect.testing.TinyDetectorOnnx;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export} and {@code sample} are groups of real subcommands, and their older command lines still work. */
class SubcommandsTest {

    @TempDir
    Path dir;

    @Test
    void eachSubcommandHasItsOwnHelpAndOptions() {
        CliRun deepstream = CliRun.of("export", "deepstream", "--help");
        assertThat(deepstream.exit()).isZero();
        assertThat(deepstream.out()).contains("trtpipe export deepstream [options]").contains("--conf-thresh", "--gpu-id");
        CliRun triton = CliRun.of("export", "triton", "--help");
        assertThat(triton.exit()).isZero();
        assertThat(triton.out()).contains("trtpipe export triton [options]").contains("--max-batch")
                .doesNotContain("--conf-thresh").doesNotContain("--gpu-id").doesNotContain("--parse-func");
        CliRun yolov3 = CliRun.of("sample", "yolov3", "-h");
        assertThat(yolov3.exit()).isZero();
        assertThat(yolov3.out()).contains("trtpipe sample yolov3 [options]").contains("--random-weights");
    }

    @Test
    void aGroupsHelpListsItsSubcommands() {
        CliRun export = CliRun.of("export", "--help");
        assertThat(export.exit()).isZero();
        assertThat(export.out()).contains("subcommands:").containsPattern("(?m)^  deepstream +\\S").containsPattern("(?m)^  triton +\\S");
        assertThat(CliRun.of("--help").out()).containsPattern("(?m)^  export +\\S").containsPattern("(?m)^  sample +\\S");
    }

    @Test
    void theTargetMayStillComeAfterTheOptions() throws Exception {
        Path onnx = TinyDetectorOnnx.writeDetector(dir.resolve("one.onnx"), 0, TinyDetectorOnnx.spec(true, NmsKind.DEFAULT));
        Path repo = dir.resolve("repo");
        CliRun run = CliRun.of("export", "--onnx", onnx.toString(), "--out", repo.toString(), "--model-name", "triton", "triton");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(repo.resolve("triton/config.pbtxt")).exists(); // the option's value 'triton' is no subcommand
        assertThat(Files.readString(repo.resolve("triton/config.pbtxt"))).contains("platform: \"onnxruntime_onnx\"");
    }

    @Test
    void anotherSubcommandsOptionIsNamedAsSuch() {
        CliRun run = CliRun.of("export", "triton", "--gpu-id", "1", "--onnx", "m.onnx", "--out", dir.toString());
        assertThat(run.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).isEqualTo("trtpipe export: --gpu-id applies to 'export deepstream' only\n");
        CliRun unknown = CliRun.of("export", "triton", "--bogus");
        assertThat(unknown.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(unknown.err()).startsWith("trtpipe export: Unrecognized option: --bogus; run 'trtpipe export triton --help'");
    }
}
