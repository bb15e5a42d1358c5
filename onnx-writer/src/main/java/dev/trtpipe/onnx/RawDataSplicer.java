package dev.trtpipe.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import dev.trtpipe.onnx.proto.Onnx.GraphProto;
import dev.trtpipe.onnx.proto.Onnx.ModelProto;
import dev.trtpipe.onnx.proto.Onnx.TensorProto;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Writes a model whose initializers keep their {@code raw_data} outside the message (direct buffers over the
 * mapped weights file) byte for byte as protobuf writes the complete message, handing each buffer to a
 * channel as it is instead of copying it into the Java heap.
 *
 * <p>Protobuf writes a message's fields in field-number order, a nested message after its length. So a
 * message that lacks one field encodes as the complete message cut where that field belongs: the writer
 * emits the part before the cut, the field, then the rest, and grows the enclosing length prefix by the
 * field's size. That is done for {@code raw_data} (9) in a TensorProto, {@code initializer} (5) in the
 * graph and {@code graph} (7) in the model.
 */
final class RawDataSplicer {

    /** Where the raw buffers go, after the encoded bytes before them have been flushed. */
    @FunctionalInterface
    interface DirectWriter {
        void write(ByteBuffer bytes) throws IOException;
    }

    private RawDataSplicer() {
    }

    /** Writes {@code model} with each initializer named in {@code rawData} given that buffer as its raw_data. */
    static void write(ModelProto model, Map<String, ByteBuffer> rawData, CodedOutputStream out, DirectWriter direct)
            throws IOException {
        GraphProto graph = model.getGraph();
        byte[] modelRest = model.toBuilder().clearGraph().build().toByteArray();
        byte[] graphRest = graph.toBuilder().clearInitializer().build().toByteArray();
        long graphSize = graphRest.length;
        for (TensorProto tensor : graph.getInitializerList()) {
            graphSize += fieldSize(GraphProto.INITIALIZER_FIELD_NUMBER, tensorSize(tensor, rawData.get(tensor.getName())));
        }
        int modelCut = cut(modelRest, ModelProto.GRAPH_FIELD_NUMBER);
        out.writeRawBytes(modelRest, 0, modelCut);
        out.writeTag(ModelProto.GRAPH_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(Math.toIntExact(graphSize));
        int graphCut = cut(graphRest, GraphProto.INITIALIZER_FIELD_NUMBER);
        out.writeRawBytes(graphRest, 0, graphCut);
        for (TensorProto tensor : graph.getInitializerList()) {
            ByteBuffer raw = rawData.get(tensor.getName());
            if (raw == null || !raw.hasRemaining()) { // proto3 leaves empty bytes out
                out.writeMessage(GraphProto.INITIALIZER_FIELD_NUMBER, tensor);
                continue;
            }
            byte[] fields = tensor.toByteArray();
            int tensorCut = cut(fields, TensorProto.RAW_DATA_FIELD_NUMBER);
            out.writeTag(GraphProto.INITIALIZER_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(tensorSize(tensor, raw));
            out.writeRawBytes(fields, 0, tensorCut);
            out.writeTag(TensorProto.RAW_DATA_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(raw.remaining());
            out.flush();
            direct.write(raw.duplicate());
            out.writeRawBytes(fields, tensorCut, fields.length - tensorCut);
        }
        out.writeRawBytes(graphRest, graphCut, graphRest.length - graphCut);
        out.writeRawBytes(modelRest, modelCut, modelRest.length - modelCut);
    }

    private static int tensorSize(TensorProto tensor, ByteBuffer raw) {
        return tensor.getSerializedSize() + (raw == null || !raw.hasRemaining() ? 0
                : fieldSize(TensorProto.RAW_DATA_FIELD_NUMBER, raw.remaining()));
    }

    private static int fieldSize(int fieldNumber, int length) {
        return CodedOutputStream.computeTagSize(fieldNumber) + CodedOutputStream.computeUInt32SizeNoTag(length) + length;
    }

    /** The offset of the first field numbered above {@code fieldNumber} in an encoded message (its length if none). */
    private static int cut(byte[] message, int fieldNumber) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(message);
        while (!in.isAtEnd()) {
            int offset = in.getTotalBytesRead();
            int tag = in.readTag();
            if (WireFormat.getTagFieldNumber(tag) > fieldNumber) {
                return offset;
            }
            in.skipField(tag);
        }
        return message.length;
    }
}
