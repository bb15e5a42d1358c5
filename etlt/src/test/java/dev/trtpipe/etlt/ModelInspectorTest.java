package dev.trtpipe.etlt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Expected values: docs/etlt.md §9.2, §9.3 and §10. */
class ModelInspectorTest {

    @Test
    void summarizesTheFpenetOnnx() throws IOException {
        ModelSummary model = Shared.inspect(Shared.ONNX_ETLT);

        assertThat(model.kind()).isEqualTo(PayloadKind.ONNX);
        assertThat(model.format()).isEqualTo("ONNX IR 5, opset 10, producer keras2onnx 1.8.1, 47 initializers");
        assertThat(model.inputs()).extracting(TensorSummary::name, TensorSummary::dtype, TensorSummary::shapeText)
                .containsExactly(tuple("input_face_images", "FLOAT", "[N,1,80,80]"));
        assertThat(model.outputs()).extracting(TensorSummary::name, TensorSummary::shapeText).containsExactly(
                tuple("softargmax", "[N,80,2]"),
                tuple("softargmax:1", "[N,80]"),
                tuple("conv_keypoints_m80", "[N,80,80,80]"));
        assertThat(model.opCounts()).containsExactly(entry("Conv", 16), entry("Relu", 15), entry("ReduceSum", 6),
                entry("Concat", 5), entry("ConvTranspose", 4), entry("MaxPool", 4), entry("Mul", 3), entry("ReduceMax", 3),
                entry("Slice", 2), entry("Squeeze", 2), entry("Div", 1), entry("Exp", 1), entry("Identity", 1), entry("Sub", 1));
        assertThat(model.plugins()).isEmpty();
        assertThat(model.inputs().get(0).hasDynamicBatchOnly()).isTrue();
    }

    @Test
    void summarizesTheLpdnetUff() throws IOException {
        ModelSummary model = Shared.inspect(Shared.UFF_ETLT);

        assertThat(model.kind()).isEqualTo(PayloadKind.UFF);
        assertThat(model.format()).isEqualTo("UFF version 1 (tensorflow_extension 1), 236 referenced data entries");
        assertThat(model.inputs()).extracting(TensorSummary::name, TensorSummary::dtype, TensorSummary::shapeText)
                .containsExactly(tuple("input_1", "FLOAT32", "[-1,3,480,640]"));
        assertThat(model.outputs()).extracting(TensorSummary::name).containsExactly("output_cov/Sigmoid", "output_bbox/BiasAdd");
        assertThat(model.opCounts()).containsExactly(entry("Const", 235), entry("Binary", 157), entry("Reshape", 84),
                entry("Conv", 23), entry("Unary", 21), entry("Activation", 18), entry("MarkOutput", 2), entry("Input", 1));
        assertThat(model.nodeCount()).isEqualTo(541);
        assertThat(model.plugins()).isEmpty();
    }

    @Test
    void recognisesPluginOps() {
        assertThat(TensorRtPlugins.isOnnxPlugin("", "BatchedNMSDynamic_TRT")).isTrue();
        assertThat(TensorRtPlugins.isOnnxPlugin("", "EfficientNMS_TRT")).isTrue();
        assertThat(TensorRtPlugins.isOnnxPlugin("trt.plugins", "Anything")).isTrue();
        assertThat(TensorRtPlugins.isOnnxPlugin("", "Conv")).isFalse();
        assertThat(TensorRtPlugins.isOnnxPlugin("ai.onnx", "Conv")).isFalse();
        assertThat(TensorRtPlugins.isUffPlugin("_BatchTilePlugin_TRT")).isTrue();
        assertThat(TensorRtPlugins.isUffPlugin("Conv")).isFalse();
        assertThat(TensorRtPlugins.removedInTensorRt11("BatchedNMSDynamic_TRT")).isTrue();
        assertThat(TensorRtPlugins.removedInTensorRt11("_NMS_TRT")).isTrue();
        assertThat(TensorRtPlugins.removedInTensorRt11("EfficientNMS_TRT")).isFalse();
    }

    @Test
    void namesUffDtypes() {
        assertThat(UffSummarizer.dtypeName(0x20020)).isEqualTo("FLOAT32");
        assertThat(UffSummarizer.dtypeName(0x10040)).isEqualTo("INT64");
    }
}
