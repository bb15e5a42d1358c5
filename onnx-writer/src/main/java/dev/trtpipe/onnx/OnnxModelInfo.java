package dev.trtpipe.onnx;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.trtpipe.detect.TensorInfo;
import dev.trtpipe.onnx.proto.Onnx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What trtpipe needs to know about an ONNX model before TensorRT sees it: graph inputs (with
 * dynamic dimensions as -1), outputs, {@code metadata_props} and the names of every tensor. Read with
 * the protobuf classes alone, so shape and profile mistakes are caught on hosts without a GPU.
 *
 * <p>The one reader of an ONNX model's inputs, outputs and metadata: the engine builder, the exporters and
 * the comparison all go through {@link #graphInputs}, {@link #tensorInfo} and {@link #metadata}, so that a
 * model's I/O reads the same everywhere (initializers are not inputs, a symbolic dimension is -1, element
 * types in {@link TensorInfo}'s spelling).
 *
 * @param sha256      hex SHA-256 of the model bytes (recorded in the engine sidecar)
 * @param tensorNames graph inputs, initializers and every node output (to match calibration caches)
 */
public record OnnxModelInfo(String sha256, List<TensorInfo> inputs, List<TensorInfo> outputs,
                            Map<String, String> metadata, Set<String> tensorNames) {

    public OnnxModelInfo {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        tensorNames = Collections.unmodifiableSet(new LinkedHashSet<>(tensorNames));
    }

    public static OnnxModelInfo read(Path file) throws IOException {
        return parse(Files.readAllBytes(file), file.toString());
    }

    /**
     * @param source names the model in error messages
     * @throws IllegalArgumentException if the bytes are not an ONNX model with a graph
     */
    public static OnnxModelInfo parse(byte[] bytes, String source) {
        Onnx.ModelProto model;
        try {
            model = Onnx.ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException(source + ": not an ONNX model (protobuf: " + e.getMessage()
                    + "); give the .onnx file written by darknet2onnx or an exporter");
        }
        Onnx.GraphProto graph = model.getGraph();
        if (!model.hasGraph() || graph.getNodeCount() == 0 || graph.getOutputCount() == 0) {
            throw new IllegalArgumentException(source + ": not an ONNX model (no graph with nodes and outputs; "
                    + bytes.length + " bytes); give the .onnx file written by darknet2onnx or an exporter");
        }
        Set<String> initializers = new LinkedHashSet<>();
        graph.getInitializerList().forEach(t -> initializers.add(t.getName()));
        List<TensorInfo> inputs = graphInputs(graph).stream().map(OnnxModelInfo::tensorInfo).toList();
        List<TensorInfo> outputs = graph.getOutputList().stream().map(OnnxModelInfo::tensorInfo).toList();
        Map<String, String> metadata = metadata(model);
        Set<String> names = new LinkedHashSet<>(initializers);
        inputs.forEach(i -> names.add(i.name()));
        graph.getNodeList().forEach(n -> names.addAll(n.getOutputList()));
        return new OnnxModelInfo(sha256(bytes), inputs, outputs, metadata, names);
    }

    /** The input named {@code name}. */
    public Optional<TensorInfo> input(String name) {
        return inputs.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    /** The graph's real inputs: before IR 4 initializers (weights) were listed as graph inputs too. */
    public static List<Onnx.ValueInfoProto> graphInputs(Onnx.GraphProto graph) {
        Set<String> initializers = new LinkedHashSet<>();
        graph.getInitializerList().forEach(t -> initializers.add(t.getName()));
        List<Onnx.ValueInfoProto> inputs = new ArrayList<>();
        for (Onnx.ValueInfoProto v : graph.getInputList()) {
            if (!initializers.contains(v.getName())) {
                inputs.add(v);
            }
        }
        return inputs;
    }

    /** The model's {@code metadata_props}, in file order. */
    public static Map<String, String> metadata(Onnx.ModelProto model) {
        Map<String, String> metadata = new LinkedHashMap<>();
        model.getMetadataPropsList().forEach(p -> metadata.put(p.getKey(), p.getValue()));
        return metadata;
    }

    /** A graph input or output: a symbolic, unknown or non-positive dimension is -1 (dynamic). */
    public static TensorInfo tensorInfo(Onnx.ValueInfoProto v) {
        Onnx.TypeProto.Tensor t = v.getType().getTensorType();
        long[] shape = t.getShape().getDimList().stream()
                .mapToLong(d -> d.getValueCase() == Onnx.TensorShapeProto.Dimension.ValueCase.DIM_VALUE && d.getDimValue() > 0
                        ? d.getDimValue() : -1)
                .toArray();
        return new TensorInfo(v.getName(), shape, dataTypeName(t.getElemType()));
    }

    /** ONNX element type number to the spelling {@link TensorInfo} uses. */
    static String dataTypeName(int elemType) {
        Onnx.TensorProto.DataType type = Onnx.TensorProto.DataType.forNumber(elemType);
        if (type == null) {
            return "type" + elemType;
        }
        return switch (type) {
            case FLOAT -> "float";
            case FLOAT16 -> "float16";
            case BFLOAT16 -> "bfloat16";
            case DOUBLE -> "double";
            case INT8 -> "int8";
            case UINT8 -> "uint8";
            case INT32 -> "int32";
            case INT64 -> "int64";
            case BOOL -> "bool";
            default -> type.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }
}
