package dev.trtpipe.onnx;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small ONNX graph builder over the generated protobuf classes: nodes, initializers, inputs, outputs,
 * opset and metadata. Names must be unique (a duplicate is a bug and throws); shared scalar and int64
 * constants are created once and reused. Float initializers can wrap an existing little-endian heap
 * buffer without copying it ({@link #addInitializer(String, long[], ByteBuffer)}), which is how weights
 * go from the loaded file into {@code raw_data}, or be computed straight into the model's bytes when it is
 * written ({@link #addInitializer(String, long[], RawWriter)}). Nodes and attributes are added as built
 * messages, not builders: the graph then holds each once, and building the model copies no nested builders;
 * initializers are kept as plain records, which {@link OnnxModelEncoder} writes itself.
 */
public final class OnnxGraph {

    /** Name of the symbolic batch dimension with {@code --dynamic-batch}. */
    public static final String BATCH_PARAM = "N";
    /** {@code ModelProto.producer_name}. */
    static final String PRODUCER_NAME = "trtpipe";

    private final int opset;
    private final GraphProto.Builder graph;
    private final Set<String> nodeNames = new HashSet<>();
    private final Set<String> tensorNames = new HashSet<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    /** Operator sets beyond the default domain (custom plugin domains), by domain. */
    private final Map<String, Integer> extraOpsets = new LinkedHashMap<>();
    /**
     * Kept apart from {@link #graph}: {@link OnnxModelEncoder} writes them itself, so that computed
     * initializers ({@link RawWriter}) go straight into the model's bytes without a buffer of their own.
     */
    private final List<Initializer> initializers = new ArrayList<>();

    /**
     * Writes an initializer's {@code raw_data} into {@code target}, a little-endian buffer (heap or direct), from
     * absolute index {@code index} on, without moving its position.
     */
    @FunctionalInterface
    public interface RawWriter {
        void writeTo(ByteBuffer target, int index);
    }

    /** One initializer: its bytes either held ({@code held}) or written when the model is ({@code writer}). */
    record Initializer(ByteString name, long[] dims, int dataType, int rawBytes, ByteString held, RawWriter writer) {

        ByteString raw() {
            if (held != null) {
                return held;
            }
            ByteBuffer bytes = ByteBuffer.allocate(rawBytes).order(ByteOrder.LITTLE_ENDIAN);
            writer.writeTo(bytes, 0);
            return UnsafeByteOperations.unsafeWrap(bytes.array());
        }

        TensorProto toProto() {
            TensorProto.Builder t = TensorProto.newBuilder().setNameBytes(name).setDataType(dataType).setRawData(raw());
            for (long d : dims) {
                t.addDims(d);
            }
            return t.build();
        }
    }

    public OnnxGraph(String name, int opset) {
        this.opset = opset;
        this.graph = GraphProto.newBuilder().setName(name);
    }

    public int opset() {
        return opset;
    }

    /** A float32 graph input; {@code dims[0]} is the batch, written as {@link #BATCH_PARAM} when {@code symbolicBatch}. */
    public void addInput(String name, long[] dims, boolean symbolicBatch) {
        declareTensor(name);
        graph.addInput(valueInfo(name, TensorProto.DataType.FLOAT, dims, symbolicBatch));
    }

    /** Declares an existing float32 tensor as a graph output, after those already declared. */
    public void addOutput(String name, long[] dims, boolean symbolicBatch) {
        addOutput(name, TensorProto.DataType.FLOAT, dims, symbolicBatch);
    }

    /** Declares an existing tensor of element type {@code type} as a graph output, after those already declared. */
    public void addOutput(String name, TensorProto.DataType type, long[] dims, boolean symbolicBatch) {
        requireTensor(name);
        graph.addOutput(valueInfo(name, type, dims, symbolicBatch));
    }

    /** The graph outputs' names, in order. */
    public List<String> outputs() {
        return graph.getOutputList().stream().map(ValueInfoProto::getName).toList();
    }

    /** The declared dimensions of graph output {@code name}; a symbolic dimension is -1. */
    public long[] outputDims(String name) {
        for (ValueInfoProto v : graph.getOutputList()) {
            if (v.getName().equals(name)) {
                return v.getType().getTensorType().getShape().getDimList().stream()
                        .mapToLong(d -> d.hasDimValue() ? d.getDimValue() : -1).toArray();
            }
        }
        throw new IllegalArgumentException("no graph output named " + name);
    }

    /** Removes a graph output (the tensor stays), e.g. when a later pass replaces raw heads by decoded ones. */
    public void removeOutput(String name) {
        for (int i = 0; i < graph.getOutputCount(); i++) {
            if (graph.getOutput(i).getName().equals(name)) {
                graph.removeOutput(i);
                return;
            }
        }
        throw new IllegalArgumentException("no graph output named " + name);
    }

    public boolean hasTensor(String name) {
        return tensorNames.contains(name);
    }

    /**
     * A float32 initializer over little-endian bytes. A heap buffer is shared without copying (it must not
     * change afterwards); a direct one is copied (protobuf-java 4.x copies direct buffers when wrapping).
     */
    public String addInitializer(String name, long[] dims, ByteBuffer littleEndianFloats) {
        long elements = elementCount(dims);
        if (littleEndianFloats.remaining() != 4 * elements) {
            throw new IllegalArgumentException(name + ": " + littleEndianFloats.remaining() + " bytes for " + elements + " floats");
        }
        ByteString raw = littleEndianFloats.hasArray()
                ? UnsafeByteOperations.unsafeWrap(littleEndianFloats.array(),
                        littleEndianFloats.arrayOffset() + littleEndianFloats.position(), littleEndianFloats.remaining())
                : ByteString.copyFrom(littleEndianFloats.duplicate());
        return addTensor(name, dims, TensorProto.DataType.FLOAT, raw);
    }

    /**
     * An initializer of any element type over raw little-endian bytes, shared without copying (a translator
     * of another format hands its weight blobs straight through).
     */
    public String addRawInitializer(String name, long[] dims, TensorProto.DataType type, ByteString littleEndianRaw) {
        return addTensor(name, dims, type, littleEndianRaw);
    }

    /**
     * A float32 initializer whose little-endian bytes {@code writer} computes (e.g. transposed weights): they
     * go straight into the model's bytes when it is written, with no buffer of their own. What the writer
     * reads must not change before then.
     */
    public String addInitializer(String name, long[] dims, RawWriter writer) {
        declareTensor(name);
        initializers.add(new Initializer(utf8(name), dims.clone(), TensorProto.DataType.FLOAT_VALUE,
                Math.toIntExact(4 * elementCount(dims)), null, writer));
        return name;
    }

    /** A float32 initializer from computed values. */
    public String addInitializer(String name, long[] dims, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return addInitializer(name, dims, b);
    }

    /** A 1-D int64 initializer (shapes, slice bounds, pads). */
    public String addInt64Initializer(String name, long... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return addTensor(name, new long[]{values.length}, TensorProto.DataType.INT64, ByteString.copyFrom(b.array()));
    }

    /** A shared int64 scalar (rank 0) constant, created on first use. */
    public String int64Scalar(long value) {
        String name = "const/i64_scalar/" + value;
        if (tensorNames.contains(name)) {
            return name;
        }
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value);
        return addTensor(name, new long[0], TensorProto.DataType.INT64, ByteString.copyFrom(b.array()));
    }

    /** Imports operator set {@code version} of a custom {@code domain} (e.g. TensorRT plugins), for nodes in it. */
    public void importDomain(String domain, int version) {
        if (domain.isEmpty()) {
            throw new IllegalArgumentException("the default domain is imported at the graph's opset");
        }
        extraOpsets.put(domain, version);
    }

    /** A shared float32 scalar constant, created on first use. */
    public String floatConstant(float value) {
        String name = "const/f32/" + value;
        return tensorNames.contains(name) ? name : addInitializer(name, new long[0], new float[]{value});
    }

    /** A shared 1-D int64 constant, created on first use. */
    public String int64Constant(long... values) {
        StringBuilder sb = new StringBuilder("const/i64/");
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : "_").append(values[i]);
        }
        String name = sb.toString();
        return tensorNames.contains(name) ? name : addInt64Initializer(name, values);
    }

    /** Starts a node; finish it with {@link Node#add()}. */
    public Node node(String opType, String name) {
        return new Node(opType, name);
    }

    /** A {@code metadata_props} entry; later values replace earlier ones, first-insertion order is kept. */
    public void putMetadata(String key, String value) {
        metadata.put(key, value);
    }

    public Map<String, String> metadata() {
        return Map.copyOf(metadata);
    }

    /** The model without {@code metadata_props} (field 14 comes last on the wire; see {@link OnnxModelWriter}). */
    ModelProto modelWithoutMetadata(String producerVersion) {
        GraphProto.Builder withInitializers = graph.clone();
        initializers.forEach(i -> withInitializers.addInitializer(i.toProto()));
        return ModelProto.newBuilder()
                .setIrVersion(irVersion(opset))
                .setProducerName(PRODUCER_NAME)
                .setProducerVersion(producerVersion)
                .setGraph(withInitializers.build())
                .addAllOpsetImport(opsetImports())
                .build();
    }

    /** The default domain at the graph's opset, then the custom domains in import order. */
    List<OperatorSetIdProto> opsetImports() {
        List<OperatorSetIdProto> imports = new ArrayList<>();
        imports.add(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset).build());
        extraOpsets.forEach((domain, version) ->
                imports.add(OperatorSetIdProto.newBuilder().setDomain(domain).setVersion(version).build()));
        return imports;
    }

    /** The graph as built so far, initializers left out (they are in {@link #initializers()}). */
    GraphProto.Builder graphWithoutInitializers() {
        return graph;
    }

    List<Initializer> initializers() {
        return initializers;
    }

    /** The metadata entries, plus {@code extra} after them. */
    List<StringStringEntryProto> metadataEntries(Map<String, String> extra) {
        Map<String, String> all = new LinkedHashMap<>(metadata);
        all.putAll(extra);
        List<StringStringEntryProto> entries = new ArrayList<>(all.size());
        all.forEach((k, v) -> entries.add(StringStringEntryProto.newBuilder().setKey(k).setValue(v).build()));
        return entries;
    }

    /** A model holding only the metadata entries, plus {@code extra} after them. */
    ModelProto metadataOnly(Map<String, String> extra) {
        return ModelProto.newBuilder().addAllMetadataProps(metadataEntries(extra)).build();
    }

    /** The lowest IR version that allows the opset (ONNX's versioning table). */
    static int irVersion(int opset) {
        if (opset <= 11) {
            return 6;
        }
        return opset <= 14 ? 7 : 8;
    }

    private String addTensor(String name, long[] dims, TensorProto.DataType type, ByteString raw) {
        declareTensor(name);
        initializers.add(new Initializer(utf8(name), dims.clone(), type.getNumber(), raw.size(), raw, null));
        return name;
    }

    private static long elementCount(long[] dims) {
        long elements = 1;
        for (long d : dims) {
            elements *= d;
        }
        return elements;
    }

    private void declareTensor(String name) {
        if (!tensorNames.add(name)) {
            throw new IllegalStateException("tensor " + name + " is defined twice");
        }
    }

    private void requireTensor(String name) {
        if (!tensorNames.contains(name)) {
            throw new IllegalStateException("tensor " + name + " is not defined");
        }
    }

    private static ValueInfoProto valueInfo(String name, TensorProto.DataType type, long[] dims, boolean symbolicBatch) {
        if (dims == null) { // shape unknown to the translator (e.g. a plugin's output): element type only
            return ValueInfoProto.newBuilder().setNameBytes(utf8(name)).setType(TypeProto.newBuilder().setTensorType(
                    TypeProto.Tensor.newBuilder().setElemType(type.getNumber()))).build();
        }
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (int i = 0; i < dims.length; i++) {
            shape.addDim(i == 0 && symbolicBatch ? TensorShapeProto.Dimension.newBuilder().setDimParam(BATCH_PARAM)
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(dims[i]));
        }
        return ValueInfoProto.newBuilder().setNameBytes(utf8(name)).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape))).build();
    }

    /**
     * Names go into the messages as UTF-8 bytes, encoded once here by the JDK: a {@code String} field is
     * measured and encoded again, character by character, each time protobuf-java sizes and writes the model.
     */
    private static ByteString utf8(String text) {
        return ByteString.copyFromUtf8(text);
    }

    /** One node under construction. */
    public final class Node {
        private final NodeProto.Builder node;
        private final String name;
        /** Kept as strings too: reading them back from the builder would decode the bytes again. */
        private final List<String> outputs = new ArrayList<>(1);

        private Node(String opType, String name) {
            this.name = name;
            node = NodeProto.newBuilder().setOpTypeBytes(utf8(opType)).setNameBytes(utf8(name));
        }

        /** Inputs in order; an empty string is ONNX's "absent optional input". */
        public Node inputs(String... names) {
            for (String n : names) {
                if (!n.isEmpty()) {
                    requireTensor(n);
                }
                node.addInputBytes(utf8(n));
            }
            return this;
        }

        public Node output(String name) {
            outputs.add(name);
            node.addOutputBytes(utf8(name));
            return this;
        }

        /** Several outputs in order (the first is what {@link #add()} returns). */
        public Node outputs(String... names) {
            for (String n : names) {
                output(n);
            }
            return this;
        }

        /** The operator's domain; a custom one must be imported with {@link #importDomain}. */
        public Node domain(String domain) {
            if (!extraOpsets.containsKey(domain)) {
                throw new IllegalStateException("domain " + domain + " is not imported");
            }
            node.setDomain(domain);
            return this;
        }

        public Node attr(String name, long value) {
            node.addAttribute(AttributeProto.newBuilder().setNameBytes(utf8(name)).setType(AttributeProto.AttributeType.INT).setI(value).build());
            return this;
        }

        public Node attr(String name, float value) {
            node.addAttribute(AttributeProto.newBuilder().setNameBytes(utf8(name)).setType(AttributeProto.AttributeType.FLOAT).setF(value).build());
            return this;
        }

        public Node attr(String name, String value) {
            node.addAttribute(AttributeProto.newBuilder().setNameBytes(utf8(name)).setType(AttributeProto.AttributeType.STRING)
                    .setS(utf8(value)).build());
            return this;
        }

        public Node ints(String name, long... values) {
            AttributeProto.Builder a = AttributeProto.newBuilder().setNameBytes(utf8(name)).setType(AttributeProto.AttributeType.INTS);
            for (long v : values) {
                a.addInts(v);
            }
            node.addAttribute(a.build());
            return this;
        }

        public Node floats(String name, float... values) {
            AttributeProto.Builder a = AttributeProto.newBuilder().setNameBytes(utf8(name)).setType(AttributeProto.AttributeType.FLOATS);
            for (float v : values) {
                a.addFloats(v);
            }
            node.addAttribute(a.build());
            return this;
        }

        public Node strings(String name, String... values) {
            AttributeProto.Builder a = AttributeProto.newBuilder().setNameBytes(utf8(name)).setType(AttributeProto.AttributeType.STRINGS);
            for (String v : values) {
                a.addStrings(utf8(v));
            }
            node.addAttribute(a.build());
            return this;
        }

        public Node doc(String docString) {
            node.setDocString(docString);
            return this;
        }

        /** Adds the node and returns its (first) output. */
        public String add() {
            if (!nodeNames.add(name)) {
                throw new IllegalStateException("node " + name + " is defined twice");
            }
            if (outputs.isEmpty()) {
                throw new IllegalStateException("node " + name + " has no output");
            }
            outputs.forEach(OnnxGraph.this::declareTensor);
            graph.addNode(node.build());
            return outputs.get(0);
        }
    }
}
