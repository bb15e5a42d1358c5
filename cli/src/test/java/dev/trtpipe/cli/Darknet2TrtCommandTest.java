package dev.trtpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.trtpipe.trt.TrtAvailability;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code darknet2trt}: darknet2onnx's and onnx2trt's flags in one command, the ONNX kept. */
class Darknet2TrtCommandTest {

    private static final Path TINY = Path.of(System.getProperty("trtpipe.shared", "../shared")).resolve("ref/mini/yolov3-tiny");

    @TempDir
    Path dir;

    private String[] args(String... extra) {
        String[] base = {"darknet2trt", "--cfg", TINY.resolve("model.cfg").toString(), "--weights", TINY.resolve("model.weights").toString()};
        String[] all = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    @Test
    void withoutTensorRtItWritesTheOnnxThenExits3() throws Exception {
        assumeFalse(TrtAvailability.isAvailable(), "this host has TensorRT and a GPU");
        Path onnx = dir.resolve("tiny.onnx");
        Path plan = dir.resolve("tiny.plan");
        CliRun run = CliRun.of(args("-o", onnx.toString(), "-e", plan.toString(), "-t", "fp16", "--opset", "11"));

        assertThat(run.exit()).isEqualTo(ExitCode.NO_TENSORRT);
        assertThat(run.out()).contains("wrote " + onnx + " (", "opset 11", "head 015_convolutional");
        String last = run.err().strip().lines().reduce((a, b) -> b).orElseThrow().strip();
        assertThat(last).startsWith("trtpipe darknet2trt: TensorRT is not usable on this host: missing ")
                .endsWith(onnx + " is written: build the engine where TensorRT runs with trtpipe onnx2trt -m " + onnx + " -e " + plan);
        assertThat(run.err()).doesNotContain("\tat ");
        assertThat(plan).doesNotExist();
        // the kept ONNX is what darknet2onnx writes with the same flags (the converter is deterministic)
        Path reference = dir.resolve("reference.onnx");
        assertThat(CliRun.of("darknet2onnx", "--cfg", TINY.resolve("model.cfg").toString(), "--weights",
                TINY.resolve("model.weights").toString(), "-o", reference.toString(), "--opset", "11").exit()).isZero();
        assertThat(Files.mismatch(onnx, reference)).isEqualTo(-1L);
    }

    @Test
    void flagMistakesOfEitherHalfStopBeforeTheConversion() {
        Path onnx = dir.resolve("tiny.onnx");
        CliRun noEngine = CliRun.of(args("-o", onnx.toString()));
        assertThat(noEngine.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(noEngine.err()).isEqualTo("trtpipe darknet2trt: missing --engine; run with --help for the options\n");

        CliRun badPrecision = CliRun.of(args("-o", onnx.toString(), "-e", dir.resolve("x.plan").toString(), "-t", "fp8"));
        assertThat(badPrecision.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(badPrecision.err()).startsWith("trtpipe darknet2trt: ").contains("fp8");

        CliRun badOpset = CliRun.of(args("-o", onnx.toString(), "-e", dir.resolve("x.plan").toString(), "--opset", "9"));
        assertThat(badOpset.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(onnx).doesNotExist();
    }

    @Test
    void helpListsTheFlagsOfBothCommands() {
        CliRun help = CliRun.of("darknet2trt", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("--cfg", "--weights", "--opset", "--dynamic-batch", "--fold-bn", "--engine", "--precision",
                "--calib-images", "--profile", "--batch", "--timing-cache", "--opt-level", "--plugin");
    }
}
