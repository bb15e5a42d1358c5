package dev.trtpipe.onnx;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import dev.trtpipe.onnx.proto.Onnx.GraphProto;
import dev.trtpipe.onnx.proto.Onnx.OperatorSetIdProto;
import dev.trtpipe.onnx.proto.Onnx.StringStringEntryProto;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

/**
 * Encodes an {@link OnnxGraph} as a {@code ModelProto} into one buffer of its exact size (a heap array, or
 * the direct buffer that {@link OnnxModelWriter} writes to the file), writing the model, graph and
 * initializer messages itself so that each initializer's {@code raw_data} goes straight into that buffer:
 * computed initializers ({@link OnnxGraph.RawWriter}, e.g. transposed kernels) are written there once, with
 * no buffer of their own and no copy. Nodes, inputs, outputs, opset imports and metadata entries
 * are small messages, written by protobuf-java.
 *
 * <p>The bytes are protobuf-java's own for the same model (proto3 rules: fields in field-number order,
 * scalars and strings only when not empty, {@code dims} packed), with {@code metadata_props} (field 14)
 * last: {@code OnnxModelEncoderTest} holds them against {@code modelWithoutMetadata} + {@code metadataOnly}
 * serialized by protobuf-java.
 */
final class OnnxModelEncoder {

    // field numbers of onnx.proto
    private static final int MODEL_IR_VERSION = 1;
    private static final int MODEL_PRODUCER_NAME = 2;
    private static final int MODEL_PRODUCER_VERSION = 3;
    private static final int MODEL_GRAPH = 7;
    private static final int MODEL_OPSET_IMPORT = 8;
    private static final int MODEL_METADATA_PROPS = 14;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_NAME = 2;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int GRAPH_INPUT = 11;
    private static final int GRAPH_OUTPUT = 12;
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_RAW_DATA = 9;
    private static final int LENGTH_DELIMITED = 2;

    private final GraphProto.Builder graph;
    private final List<OnnxGraph.Initializer> initializers;
    private final List<OperatorSetIdProto> opsets;
    private final List<StringStringEntryProto> metadata;
    private final String producerVersion;
    private final long irVersion;
    private final int[] tensorSizes;
    private final int graphSize;
    private final int size;

    /** Where the bytes go, little-endian (for {@link OnnxGraph.RawWriter}s), and how far they reach. */
    private ByteBuffer out;
    private int position;
    /** Protobuf-java's encoder from {@link #position}; null after raw bytes were written past it. */
    private CodedOutputStream coded;

    /** The model's size is computed here; {@link #encodeInto} writes it. */
    OnnxModelEncoder(OnnxGraph onnx, String producerVersion, Map<String, String> extraMetadata) {
        this.graph = onnx.graphWithoutInitializers();
        this.initializers = onnx.initializers();
        this.opsets = onnx.opsetImports();
        this.metadata = onnx.metadataEntries(extraMetadata);
        this.producerVersion = producerVersion;
        this.irVersion = OnnxGraph.irVersion(onnx.opset());
        this.tensorSizes = new int[initializers.size()];
        int g = 0;
        for (int i = 0; i < graph.getNodeCount(); i++) {
            g += CodedOutputStream.computeMessageSize(GRAPH_NODE, graph.getNode(i));
        }
        g += stringSize(GRAPH_NAME, graph.getNameBytes());
        for (int i = 0; i < tensorSizes.length; i++) {
            tensorSizes[i] = tensorSize(initializers.get(i));
            g += CodedOutputStream.computeTagSize(GRAPH_INITIALIZER) + CodedOutputStream.computeUInt32SizeNoTag(tensorSizes[i])
                    + tensorSizes[i];
        }
        g += messagesSize(GRAPH_INPUT, graph.getInputList()) + messagesSize(GRAPH_OUTPUT, graph.getOutputList());
        this.graphSize = g;
        this.size = (irVersion != 0 ? CodedOutputStream.computeInt64Size(MODEL_IR_VERSION, irVersion) : 0)
                + CodedOutputStream.computeStringSize(MODEL_PRODUCER_NAME, OnnxGraph.PRODUCER_NAME)
                + (producerVersion.isEmpty() ? 0 : CodedOutputStream.computeStringSize(MODEL_PRODUCER_VERSION, producerVersion))
                + CodedOutputStream.computeTagSize(MODEL_GRAPH) + CodedOutputStream.computeUInt32SizeNoTag(graphSize) + graphSize
                + messagesSize(MODEL_OPSET_IMPORT, opsets) + messagesSize(MODEL_METADATA_PROPS, metadata);
    }

    /** The model's bytes: everything but the metadata, then the metadata entries (plus {@code extra} after them). */
    static byte[] encode(OnnxGraph graph, String producerVersion, Map<String, String> extra) {
        OnnxModelEncoder e = new OnnxModelEncoder(graph, producerVersion, extra);
        byte[] bytes = new byte[e.size()];
        e.encodeInto(ByteBuffer.wrap(bytes));
        return bytes;
    }

    /** The encoded model's size in bytes. */
    int size() {
        return size;
    }

    /**
     * Writes the model into {@code target} (heap or direct) from its position on, which must leave at least
     * {@link #size()} bytes; the position ends after the model.
     */
    void encodeInto(ByteBuffer target) {
        if (target.remaining() < size) {
            throw new IllegalArgumentException(target.remaining() + " bytes left for a " + size + "-byte model");
        }
        out = target.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        position = out.position();
        int start = position;
        try {
            CodedOutputStream c = coded();
            if (irVersion != 0) {
                c.writeInt64(MODEL_IR_VERSION, irVersion);
            }
            c.writeString(MODEL_PRODUCER_NAME, OnnxGraph.PRODUCER_NAME);
            if (!producerVersion.isEmpty()) {
                c.writeString(MODEL_PRODUCER_VERSION, producerVersion);
            }
            c.writeTag(MODEL_GRAPH, LENGTH_DELIMITED);
            c.writeUInt32NoTag(graphSize);
            for (int i = 0; i < graph.getNodeCount(); i++) {
                c.writeMessage(GRAPH_NODE, graph.getNode(i));
            }
            if (!graph.getNameBytes().isEmpty()) {
                c.writeBytes(GRAPH_NAME, graph.getNameBytes());
            }
            for (int i = 0; i < tensorSizes.length; i++) {
                writeTensor(initializers.get(i), tensorSizes[i]);
            }
            c = coded();
            writeMessages(c, GRAPH_INPUT, graph.getInputList());
            writeMessages(c, GRAPH_OUTPUT, graph.getOutputList());
            writeMessages(c, MODEL_OPSET_IMPORT, opsets);
            writeMessages(c, MODEL_METADATA_PROPS, metadata);
            endCoded();
        } catch (IOException ex) {
            throw new IllegalStateException("encoding into a buffer of the computed size", ex);
        }
        if (position - start != size) {
            throw new IllegalStateException("encoded " + (position - start) + " bytes of a computed " + size);
        }
        target.position(position);
        out = null;
    }

    /** One initializer as a length-delimited {@code TensorProto}, its raw data written straight into the buffer. */
    private void writeTensor(OnnxGraph.Initializer t, int size) throws IOException {
        CodedOutputStream c = coded();
        c.writeTag(GRAPH_INITIALIZER, LENGTH_DELIMITED);
        c.writeUInt32NoTag(size);
        if (t.dims().length > 0) {
            c.writeTag(TENSOR_DIMS, LENGTH_DELIMITED);
            c.writeUInt32NoTag(packedDimsSize(t.dims()));
            for (long d : t.dims()) {
                c.writeInt64NoTag(d);
            }
        }
        if (t.dataType() != 0) {
            c.writeInt32(TENSOR_DATA_TYPE, t.dataType());
        }
        if (!t.name().isEmpty()) {
            c.writeBytes(TENSOR_NAME, t.name());
        }
        if (t.rawBytes() > 0) {
            c.writeTag(TENSOR_RAW_DATA, LENGTH_DELIMITED);
            c.writeUInt32NoTag(t.rawBytes());
            endCoded();
            if (t.held() != null) {
                t.held().copyTo(out.position(position));
            } else {
                t.writer().writeTo(out, position);
            }
            position += t.rawBytes();
        }
    }

    private static int tensorSize(OnnxGraph.Initializer t) {
        int size = 0;
        if (t.dims().length > 0) {
            int packed = packedDimsSize(t.dims());
            size += CodedOutputStream.computeTagSize(TENSOR_DIMS) + CodedOutputStream.computeUInt32SizeNoTag(packed) + packed;
        }
        if (t.dataType() != 0) {
            size += CodedOutputStream.computeInt32Size(TENSOR_DATA_TYPE, t.dataType());
        }
        size += stringSize(TENSOR_NAME, t.name());
        if (t.rawBytes() > 0) {
            size += CodedOutputStream.computeTagSize(TENSOR_RAW_DATA) + CodedOutputStream.computeUInt32SizeNoTag(t.rawBytes())
                    + t.rawBytes();
        }
        return size;
    }

    private static int packedDimsSize(long[] dims) {
        int size = 0;
        for (long d : dims) {
            size += CodedOutputStream.computeInt64SizeNoTag(d);
        }
        return size;
    }

    private static int stringSize(int field, ByteString bytes) {
        return bytes.isEmpty() ? 0 : CodedOutputStream.computeBytesSize(field, bytes);
    }

    private static int messagesSize(int field, List<? extends MessageLite> messages) {
        int size = 0;
        for (MessageLite m : messages) {
            size += CodedOutputStream.computeMessageSize(field, m);
        }
        return size;
    }

    private static void writeMessages(CodedOutputStream c, int field, List<? extends MessageLite> messages) throws IOException {
        for (MessageLite m : messages) {
            c.writeMessage(field, m);
        }
    }

    /** Protobuf-java's encoder from the current position (a new one after raw bytes were written past the last). */
    private CodedOutputStream coded() {
        if (coded == null) {
            coded = CodedOutputStream.newInstance(out.position(position));
        }
        return coded;
    }

    /** Moves the position past what the current protobuf-java encoder wrote. */
    private void endCoded() throws IOException {
        if (coded != null) {
            coded.flush(); // sets the buffer's position after what it wrote
            position = out.position();
            coded = null;
        }
    }
}
