package dev.trtpipe.detect.onnxrt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trtpipe.detect.TensorInfo;
import dev.trtpipe.detect.testing.TinyOnnx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ONNX Runtime backend on models small enough to predict by hand. */
class OnnxRuntimeBackendTest {

    @TempDir
    Path tmp;

    @Test
    void identityModelFromAFileReturnsItsInputAndMetadata() throws Exception {
        byte[] model = TinyOnnx.identity(TinyOnnx.FLOAT, new Long[] {null, 3L, 2L, 2L}, Map.of("darknet.test", "yes"));
        Path file = Files.write(tmp.resolve("identity.onnx"), model);
        float[] input = new float[24];
        for (int i = 0; i < input.length; i++) {
            input[i] = i * 0.5f - 3;
        }
        try (OnnxRuntimeBackend backend = OnnxRuntimeBackend.open(file)) {
            assertThat(backend.input()).isEqualTo(new TensorInfo("x", new long[] {-1, 3, 2, 2}, "float"));
            assertThat(backend.outputs()).containsExactly(new TensorInfo("out", new long[] {-1, 3, 2, 2}, "float"));
            assertThat(backend.metadata()).containsEntry("darknet.test", "yes");

            Map<String, float[]> out = backend.infer(input, new long[] {2, 3, 2, 2}); // batch 2 on the symbolic N

            assertThat(out.get("out")).containsExactly(input);
        }
    }

    @Test
    void oneByOneConvolutionFromBytesComputesTheWeightedSum() throws Exception {
        // out[o][p] = b[o] + Σ_c w[o][c] · x[c][p]
        float[] w = {1, 2, 3, -1, 0, 0.5f};
        float[] b = {0.25f, -1};
        float[] x = {1, 2, 3, 4, /* c1 */ 0, 1, 0, 1, /* c2 */ 2, 2, 2, 2};
        float[] expected = {
                0.25f + 1 + 0 + 6, 0.25f + 2 + 2 + 6, 0.25f + 3 + 0 + 6, 0.25f + 4 + 2 + 6,
                -1 - 1 + 1, -1 - 2 + 1, -1 - 3 + 1, -1 - 4 + 1};
        try (OnnxRuntimeBackend backend = OnnxRuntimeBackend.fromBytes(TinyOnnx.conv1x1(w, b), "conv.onnx", 1)) {
            assertThat(backend.infer(x, new long[] {1, 3, 2, 2}).get("y")).containsExactly(expected);
        }
    }

    @Test
    void integerInputIsRejected() {
        byte[] model = TinyOnnx.identity(TinyOnnx.INT64, new Long[] {1L, 3L, 2L, 2L}, Map.of());
        assertThatThrownBy(() -> OnnxRuntimeBackend.fromBytes(model, "ints.onnx", 0)).isInstanceOf(IOException.class)
                .hasMessage("ints.onnx: input is x int64[1,3,2,2]; trtpipe detect needs one NCHW float32 image input"
                        + " (N, 3, H, W) — re-export the model with a float NCHW input");
    }

    /** Any channel count runs: the detector checks channels against the model's spec, the GPU self-test runs grey models. */
    @Test
    void aGreyImageInputRuns() throws Exception {
        byte[] model = TinyOnnx.identity(TinyOnnx.FLOAT, new Long[] {1L, 1L, 2L, 2L}, Map.of());
        try (OnnxRuntimeBackend backend = OnnxRuntimeBackend.fromBytes(model, "grey.onnx", 1)) {
            assertThat(backend.infer(new float[] {1, 2, 3, 4}, new long[] {1, 1, 2, 2}).get("out")).containsExactly(1, 2, 3, 4);
        }
    }

    @Test
    void nonImageShapedInputIsRejected() {
        byte[] model = TinyOnnx.identity(TinyOnnx.FLOAT, new Long[] {1L, 10L}, Map.of());
        assertThatThrownBy(() -> OnnxRuntimeBackend.fromBytes(model, "flat.onnx", 0))
                .hasMessageStartingWith("flat.onnx: input is x float[1,10]; trtpipe detect needs one NCHW float32");
    }

    @Test
    void corruptModelFileIsOneLine() throws Exception {
        Path file = Files.write(tmp.resolve("broken.onnx"), new byte[] {1, 2, 3, 4, 5});
        assertThatThrownBy(() -> OnnxRuntimeBackend.open(file)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(file + ": ONNX Runtime cannot load it (")
                .hasMessageEndingWith("); check that it is a complete ONNX model file")
                .hasMessageNotContaining("\n");
    }
}
