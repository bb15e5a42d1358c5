package dev.trtpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.trtpipe.detect.testing.SharedRefs;
import dev.trtpipe.trt.TrtAvailability;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code darknet2trt --batch} makes the ONNX it keeps batch-dynamic, which the batch profile needs. */
class Darknet2TrtBatchTest {

    private static final Path TINY = SharedRefs.resolve("ref/mini/yolov3-tiny");

    @TempDir
    Path tmp;

    @Test
    void aBatchRangeImpliesADynamicBatchOnnx() {
        assumeFalse(TrtAvailability.isAvailable(), "this host has TensorRT: the build would run");
        Path onnx = tmp.resolve("tiny.onnx");
        CliRun run = CliRun.of("darknet2trt", "--cfg", TINY.resolve("model.cfg").toString(), "--weights",
                TINY.resolve("model.weights").toString(), "-o", onnx.toString(), "-e", tmp.resolve("tiny.plan").toString(),
                "--batch", "1:4:8");

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.NO_TENSORRT);
        assertThat(run.out()).contains("wrote " + onnx, "dynamic batch");
    }

    @Test
    void withoutABatchRangeTheOnnxKeepsBatchOne() {
        assumeFalse(TrtAvailability.isAvailable(), "this host has TensorRT: the build would run");
        Path onnx = tmp.resolve("tiny.onnx");
        CliRun run = CliRun.of("darknet2trt", "--cfg", TINY.resolve("model.cfg").toString(), "--weights",
                TINY.resolve("model.weights").toString(), "-o", onnx.toString(), "-e", tmp.resolve("tiny.plan").toString());

        assertThat(run.out()).contains("wrote " + onnx).doesNotContain("dynamic batch");
    }
}
