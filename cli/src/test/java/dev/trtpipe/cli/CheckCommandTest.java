package dev.trtpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.trtpipe.trt.TrtAvailability;
import dev.trtpipe.trt.selftest.SyntheticModels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trtpipe check} as a user without a GPU sees it: ONNX against ONNX, and the exit codes. */
class CheckCommandTest {

    @TempDir
    Path dir;

    private Path model(String name, float outputScale) throws Exception {
        return Files.write(dir.resolve(name), SyntheticModels.twoInputs(3, outputScale));
    }

    @Test
    void anIdenticalModelPassesAndOneOffByOnePercentExits1() throws Exception {
        Path onnx = model("two.onnx", 1f);
        CliRun same = CliRun.of("check", "-m", onnx.toString(), "-e", onnx.toString(), "--shapes", "features:2x16", "--seed", "9");
        assertThat(same.exit()).isEqualTo(ExitCode.OK);
        assertThat(same.out()).contains("| features | float | 2x16 | random uniform 0..1, seed 9 |")
                .contains("| token_ids | int64 | 2x4 | random integers 0..1, seed 9 |")
                .contains("| scores | 2x8 | 0.000e+00 | 0.000e+00 | ok |").endsWith("PASSED\n");

        Path off = model("off.onnx", 1.01f);
        CliRun differs = CliRun.of("check", "-m", onnx.toString(), "-e", off.toString());
        assertThat(differs.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(differs.out()).contains("| scores | 1x8 |").contains("FAIL (rel-L2 1.00e-02 > 1e-03)").endsWith("FAILED\n");
        assertThat(CliRun.of("check", "-m", onnx.toString(), "-e", off.toString(), "--max-rel-l2", "0.02").exit()).isEqualTo(ExitCode.OK);
        CliRun atol = CliRun.of("check", "-m", onnx.toString(), "-e", off.toString(), "--atol", "1e-9", "--max-rel-l2", "1");
        assertThat(atol.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(atol.out()).contains("elements outside atol 1.0E-9 + rtol 0.0");
    }

    @Test
    void badUsageExits2WithOneLine() throws Exception {
        Path onnx = model("two.onnx", 1f);
        CliRun noEngine = CliRun.of("check", "-m", onnx.toString());
        assertThat(noEngine.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(noEngine.err()).isEqualTo("trtpipe check: missing --engine; run with --help for the options\n");
        assertThat(CliRun.of("check", "-m", onnx.toString(), "-e", onnx.toString(), "--shapes", "features").err())
                .contains("must be name:DIMS");
        assertThat(CliRun.of("check", "-m", onnx.toString(), "-e", onnx.toString(), "--atol", "-1").exit()).isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of("check", "-m", onnx.toString(), "-e", onnx.toString(), "--input", "token_ids").err())
                .contains("must be name=FILE.npy");
        assertThat(CliRun.of("check", "-m", onnx.toString(), "-e", onnx.toString(), "--input", "a=x.npy", "--input", "a=y.npy").err())
                .isEqualTo("trtpipe check: --input gives input 'a' twice\n");
        CliRun range = CliRun.of("check", "-m", onnx.toString(), "-e", onnx.toString(), "--range", "tokens:0,9");
        assertThat(range.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(range.err()).contains("--range tokens:…: the model has no input 'tokens'; its inputs are");
    }

    @Test
    void anEngineWithoutTensorRtExits3() throws Exception {
        assumeFalse(TrtAvailability.isAvailable(), "this host has TensorRT and a GPU");
        Path plan = Files.write(dir.resolve("two.plan"), new byte[] {1, 2, 3});
        CliRun r = CliRun.of("check", "-m", model("two.onnx", 1f).toString(), "-e", plan.toString());
        assertThat(r.exit()).isEqualTo(ExitCode.NO_TENSORRT);
        assertThat(r.err().strip()).startsWith("trtpipe check: TensorRT is not usable on this host").doesNotContain("\n");
    }
}
