package dev.trtpipe.trt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trtpipe.detect.onnxrt.OnnxRuntimeBackend;
import dev.trtpipe.trt.selftest.SyntheticModels;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The self-test's models must be valid ONNX (ONNX Runtime runs them) and the bad one must be bad. */
class SyntheticModelsTest {

    @Test
    void convNetRunsInOnnxRuntimeWithTheDeclaredOutputShape() throws Exception {
        float[] input = new float[2 * 3 * 64 * 64];
        for (int i = 0; i < input.length; i++) {
            input[i] = (i % 255) / 255f;
        }
        Map<String, float[]> out;
        try (OnnxRuntimeBackend cpu = OnnxRuntimeBackend.fromBytes(SyntheticModels.convNet(-1, 1), "synthetic.onnx", 1)) {
            out = cpu.infer(input, new long[] {2, 3, 64, 64});
        }
        assertThat(out).containsOnlyKeys("head");
        assertThat(out.get("head")).hasSize(2 * 18 * 16 * 16);
        float[] head = out.get("head");
        assertThat(java.util.stream.IntStream.range(0, head.length).filter(i -> head[i] != 0f).count()).as("non-zero outputs").isPositive();
    }

    @Test
    void theUnsupportedOperatorModelIsRejectedByOnnxRuntimeToo() {
        assertThatThrownBy(() -> OnnxRuntimeBackend.fromBytes(SyntheticModels.unsupportedOperator(), "unsupported.onnx", 1))
                .isInstanceOf(IOException.class).hasMessageContaining("NoSuchOp");
    }
}
