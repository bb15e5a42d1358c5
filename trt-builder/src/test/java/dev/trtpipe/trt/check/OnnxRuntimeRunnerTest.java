package dev.trtpipe.trt.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trtpipe.onnx.proto.Onnx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every element type check feeds goes into ONNX Runtime and comes back with its values. */
class OnnxRuntimeRunnerTest {

    @TempDir
    Path dir;

    /** One Identity per type: {@code in_<type> → out_<type>}, shape [3]. */
    private Path identities(List<ElementType> types) throws Exception {
        Onnx.GraphProto.Builder g = Onnx.GraphProto.newBuilder().setName("identities");
        for (ElementType t : types) {
            g.addInput(value("in_" + t.onnxName(), dataType(t)));
            g.addOutput(value("out_" + t.onnxName(), dataType(t)));
            g.addNode(Onnx.NodeProto.newBuilder().setOpType("Identity").setName("id_" + t.onnxName())
                    .addInput("in_" + t.onnxName()).addOutput("out_" + t.onnxName()));
        }
        Onnx.ModelProto m = Onnx.ModelProto.newBuilder().setIrVersion(8)
                .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setDomain("").setVersion(13)).setGraph(g).build();
        return Files.write(dir.resolve("identities.onnx"), m.toByteArray());
    }

    private static Onnx.TensorProto.DataType dataType(ElementType t) {
        return switch (t) {
            case FLOAT -> Onnx.TensorProto.DataType.FLOAT;
            case FLOAT16 -> Onnx.TensorProto.DataType.FLOAT16;
            case DOUBLE -> Onnx.TensorProto.DataType.DOUBLE;
            case INT8 -> Onnx.TensorProto.DataType.INT8;
            case UINT8 -> Onnx.TensorProto.DataType.UINT8;
            case INT32 -> Onnx.TensorProto.DataType.INT32;
            case INT64 -> Onnx.TensorProto.DataType.INT64;
            case BOOL -> Onnx.TensorProto.DataType.BOOL;
        };
    }

    private static Onnx.ValueInfoProto value(String name, Onnx.TensorProto.DataType type) {
        return Onnx.ValueInfoProto.newBuilder().setName(name).setType(Onnx.TypeProto.newBuilder().setTensorType(
                Onnx.TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(Onnx.TensorShapeProto.newBuilder()
                        .addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(3))))).build();
    }

    @Test
    void everyTypeGoesThroughWithItsValues() throws Exception {
        List<ElementType> types = List.of(ElementType.values());
        Map<String, TensorData> feed = new LinkedHashMap<>();
        for (ElementType t : types) {
            double[] v = t == ElementType.BOOL ? new double[] {1, 0, 1} : t == ElementType.UINT8 ? new double[] {0, 200, 255}
                    : new double[] {-3, 0.5 * (t.isFloatingPoint() ? 1 : 0), 100};
            feed.put("in_" + t.onnxName(), TensorData.of(t, new long[] {3}, v));
        }
        Map<String, TensorData> out;
        try (OnnxRuntimeRunner runner = OnnxRuntimeRunner.open(identities(types))) {
            assertThat(runner.inputs()).extracting(i -> i.dataType()).containsExactlyElementsOf(types.stream().map(ElementType::onnxName).toList());
            out = runner.run(feed);
        }
        for (ElementType t : types) {
            assertThat(out.get("out_" + t.onnxName())).as(t.name()).isEqualTo(feed.get("in_" + t.onnxName()));
        }
    }

    @Test
    void aMissingInputIsNamed() throws Exception {
        try (OnnxRuntimeRunner runner = OnnxRuntimeRunner.open(identities(List.of(ElementType.FLOAT)))) {
            assertThatThrownBy(() -> runner.run(Map.of())).hasMessageContaining("input 'in_float' was not given");
        }
    }
}
