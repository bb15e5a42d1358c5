package dev.trtpipe.tools.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trtpipe.onnx.OnnxModelInfo;
import dev.trtpipe.trt.selftest.SyntheticModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the self-test does for a model that is not an image detector, up to the point where TensorRT is needed. */
class TensorCheckCaseTest {

    @TempDir
    Path dir;

    @Test
    void theTwoInputModelTakesTheCheckPathAndImageModelsDoNot() {
        assertThat(TensorCheckCase.applies(OnnxModelInfo.parse(SyntheticModels.twoInputs(3, 1f), "two.onnx"))).isTrue();
        assertThat(TensorCheckCase.applies(OnnxModelInfo.parse(SyntheticModels.convNet(-1, 1), "conv.onnx"))).isFalse();
    }

    @Test
    void itsInputsAreTypedAtBatchTwoAndTheReferenceHasEveryOutput() throws Exception {
        byte[] model = SyntheticModels.twoInputs(3, 1f);
        Path file = Files.write(dir.resolve("two.onnx"), model);
        TensorCheckCase c = TensorCheckCase.prepare(file, OnnxModelInfo.parse(model, file.toString()), 42);
        assertThat(c.dynamicBatch()).isTrue();
        assertThat(c.firstInputShape()).containsExactly(2, SyntheticModels.FEATURE_SIZE);
        assertThat(c.feed().get(SyntheticModels.TOKEN_IDS).toString()).isEqualTo("int64[2x4]");
        assertThat(c.feed().get(SyntheticModels.TOKEN_IDS).toDoubles()).containsOnly(0, 1).contains(0, 1);
        assertThat(c.reference()).containsOnlyKeys(SyntheticModels.SCORES, SyntheticModels.POOLED);
        assertThat(c.reference().get(SyntheticModels.SCORES).shape()).containsExactly(2, SyntheticModels.CLASSES);
        assertThat(c.reference().get(SyntheticModels.POOLED).shape()).containsExactly(2, SyntheticModels.FEATURE_SIZE);
        // the same seed gives the same case, so that engines of several precisions see the same inputs
        TensorCheckCase again = TensorCheckCase.prepare(file, OnnxModelInfo.parse(model, file.toString()), 42);
        assertThat(again.feed()).isEqualTo(c.feed());
    }

    @Test
    void aDynamicDimensionBesidesTheBatchIsNamed() throws Exception {
        byte[] model = SyntheticModels.convNet(-1, 1);
        // rewrite the height as symbolic: the self-test cannot choose it, check --shapes can
        var proto = dev.trtpipe.onnx.proto.Onnx.ModelProto.parseFrom(model).toBuilder();
        proto.getGraphBuilder().getInputBuilder(0).getTypeBuilder().getTensorTypeBuilder().getShapeBuilder().getDimBuilder(2)
                .clearDimValue().setDimParam("height");
        proto.getGraphBuilder().getOutputBuilder(0).getTypeBuilder().getTensorTypeBuilder().getShapeBuilder().getDimBuilder(2)
                .clearDimValue().setDimParam("h4");
        proto.getGraphBuilder().addInput(proto.getGraph().getInput(0).toBuilder().setName("second"));
        byte[] bytes = proto.build().toByteArray();
        Path file = Files.write(dir.resolve("odd.onnx"), bytes);
        OnnxModelInfo info = OnnxModelInfo.parse(bytes, file.toString());
        assertThat(TensorCheckCase.applies(info)).isTrue();
        assertThatThrownBy(() -> TensorCheckCase.prepare(file, info, 1))
                .hasMessageContaining("dynamic dimensions besides the batch").hasMessageContaining("--shapes images:DIMS");
        assertThat(Arrays.toString(info.inputs().get(0).shape())).isEqualTo("[-1, 3, -1, 64]");
    }
}
