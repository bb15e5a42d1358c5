package dev.trtpipe.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trtpipe.detect.TensorInfo;
import dev.trtpipe.onnx.proto.Onnx;
import dev.trtpipe.onnx.proto.Onnx.TensorProto.DataType;
import org.junit.jupiter.api.Test;

/** The pieces every reader of a model's I/O shares, on a model written by hand the way an IR 3 exporter writes it. */
class OnnxModelInfoHelpersTest {

    @Test
    void initializersListedAsInputsAreWeightsNotInputs() {
        Onnx.GraphProto graph = Onnx.GraphProto.newBuilder()
                .addInput(value("images", DataType.FLOAT, "N", 3, 32, 32))
                .addInput(value("conv.weight", DataType.FLOAT, 8, 3, 3, 3))
                .addInitializer(Onnx.TensorProto.newBuilder().setName("conv.weight").setDataType(DataType.FLOAT_VALUE)
                        .addDims(8).addDims(3).addDims(3).addDims(3))
                .addOutput(value("out", DataType.FLOAT16, "N", 8, 30, 30))
                .build();

        assertThat(OnnxModelInfo.graphInputs(graph)).extracting(Onnx.ValueInfoProto::getName).containsExactly("images");
        assertThat(OnnxModelInfo.tensorInfo(graph.getInput(0))).isEqualTo(new TensorInfo("images", new long[] {-1, 3, 32, 32}, "float"));
        assertThat(OnnxModelInfo.tensorInfo(graph.getOutput(0))).isEqualTo(new TensorInfo("out", new long[] {-1, 8, 30, 30}, "float16"));
    }

    @Test
    void metadataKeepsTheFileOrder() {
        Onnx.ModelProto model = Onnx.ModelProto.newBuilder()
                .addMetadataProps(Onnx.StringStringEntryProto.newBuilder().setKey("z").setValue("1"))
                .addMetadataProps(Onnx.StringStringEntryProto.newBuilder().setKey("a").setValue("2"))
                .build();

        assertThat(OnnxModelInfo.metadata(model).keySet()).containsExactly("z", "a");
    }

    /** Dimensions: an Integer is a fixed size, a String a symbolic one. */
    private static Onnx.ValueInfoProto value(String name, DataType type, Object... dims) {
        Onnx.TensorShapeProto.Builder shape = Onnx.TensorShapeProto.newBuilder();
        for (Object d : dims) {
            shape.addDim(d instanceof Integer size ? Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(size)
                    : Onnx.TensorShapeProto.Dimension.newBuilder().setDimParam((String) d));
        }
        return Onnx.ValueInfoProto.newBuilder().setName(name).setType(Onnx.TypeProto.newBuilder()
                .setTensorType(Onnx.TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape))).build();
    }
}
