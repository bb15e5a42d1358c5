package dev.trtpipe.detect.testing;

import com.google.protobuf.ByteString;
import dev.trtpipe.onnx.proto.Onnx.AttributeProto;
import dev.trtpipe.onnx.proto.Onnx.GraphProto;
import dev.trtpipe.onnx.proto.Onnx.ModelProto;
import dev.trtpipe.onnx.proto.Onnx.NodeProto;
import dev.trtpipe.onnx.proto.Onnx.OperatorSetIdProto;
import dev.trtpipe.onnx.proto.Onnx.StringStringEntryProto;
import dev.trtpipe.onnx.proto.Onnx.TensorProto;
import dev.trtpipe.onnx.proto.Onnx.TensorShapeProto;
import dev.trtpipe.onnx.proto.Onnx.TypeProto;
import dev.trtpipe.onnx.proto.Onnx.ValueInfoProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

/** The ONNX building blocks the test models share: graph I/O, nodes, attributes, initializers, the model. */
final class OnnxProtos {

    static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;

    private OnnxProtos() {
    }

    /** A tensor of the graph's I/O; a {@code null} dimension is the symbolic {@code N}. */
    static ValueInfoProto value(String name, int elemType, Long... shape) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (Long d : shape) {
            s.addDim(d == null ? TensorShapeProto.Dimension.newBuilder().setDimParam("N")
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name)
                .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(elemType).setShape(s)))
                .build();
    }

    static NodeProto.Builder node(String op, String name, List<String> inputs, String output) {
        return NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(inputs).addOutput(output);
    }

    static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    /** A float initializer (little-endian raw data). */
    static TensorProto floats(String name, float[] values, long... dims) {
        ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(FLOAT).setRawData(ByteString.copyFrom(bytes.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    /** IR 7, opset 13, with {@code metadata} as {@code metadata_props}. */
    static byte[] model(GraphProto graph, Map<String, String> metadata) {
        ModelProto.Builder m = ModelProto.newBuilder().setIrVersion(7).setProducerName("trtpipe-tests")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
                .setGraph(graph);
        metadata.forEach((k, v) -> m.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return m.build().toByteArray();
    }
}
