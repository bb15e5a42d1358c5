package dev.trtpipe.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.trtpipe.trt.BuildOptions;
import dev.trtpipe.trt.Precision;
import dev.trtpipe.trt.TrtAvailability;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without a GPU here: what is checked before TensorRT, and the one exception when TensorRT is needed. */
class EnginesTest {

    @TempDir
    Path tmp;

    @Test
    void aMissingModelIsNamedBeforeTensorRtIsTouched() {
        assertThatThrownBy(() -> Engines.build(tmp.resolve("none.onnx"), tmp.resolve("none.plan")))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("none.onnx");
    }

    @Test
    void aValidModelOnAHostWithoutTensorRtIsOneClearExceptionAndNoFile() throws Exception {
        assumeFalse(Engines.tensorRtAvailable(), "TensorRT is present: this host builds for real");
        Path onnx = DarknetConversion.toOnnx(DarknetReference.CFG, DarknetReference.WEIGHTS, tmp.resolve("m.onnx")).onnx();
        Path plan = tmp.resolve("m.plan");

        assertThatThrownBy(() -> Engines.build(onnx, plan, BuildOptions.builder().precision(Precision.FP16).optimizationLevel(0).build()))
                .isInstanceOf(TensorRtUnavailableException.class)
                .hasMessage(onnx + ": building " + plan + " needs TensorRT and an NVIDIA GPU: " + TrtAvailability.probe().message());
        assertThat(plan).doesNotExist();
    }
}
