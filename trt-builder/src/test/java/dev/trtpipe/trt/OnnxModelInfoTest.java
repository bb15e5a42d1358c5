package dev.trtpipe.trt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trtpipe.detect.TensorInfo;
import dev.trtpipe.onnx.OnnxModelInfo;
import dev.trtpipe.trt.selftest.SyntheticModels;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OnnxModelInfoTest {

    @Test
    void readsStaticInputsOutputsAndMetadata() {
        OnnxModelInfo info = OnnxModelInfo.parse(SyntheticModels.convNet(1, 1), "static.onnx");
        assertThat(info.inputs()).containsExactly(new TensorInfo("images", new long[] {1, 3, 64, 64}, "float"));
        assertThat(info.outputs()).containsExactly(new TensorInfo("head", new long[] {1, 18, 16, 16}, "float"));
        assertThat(info.metadata()).containsEntry("trtpipe.synthetic", "synthetic_convnet");
        assertThat(info.tensorNames()).contains("images", "c1", "p2", "head", "conv1.weight");
        assertThat(info.sha256()).hasSize(64);
    }

    @Test
    void symbolicDimensionsAreDynamic() {
        OnnxModelInfo info = OnnxModelInfo.parse(SyntheticModels.convNet(-1, 1), "dynamic.onnx");
        assertThat(info.inputs().get(0).shape()).containsExactly(-1, 3, 64, 64);
        assertThat(info.inputs().get(0).isDynamic()).isTrue();
    }

    @Test
    void rejectsBytesThatAreNotOnnx() {
        assertThatThrownBy(() -> OnnxModelInfo.parse("not a model at all".getBytes(StandardCharsets.US_ASCII), "model.onnx"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("model.onnx: not an ONNX model");
    }
}
