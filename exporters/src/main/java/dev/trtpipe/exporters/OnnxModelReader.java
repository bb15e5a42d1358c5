package dev.trtpipe.exporters;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.trtpipe.detect.TensorInfo;
import dev.trtpipe.onnx.proto.Onnx;
import dev.trtpipe.trt.Precision;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads a {@link ModelDescription} from an ONNX file: graph I/O, symbolic batch, {@code metadata_props}. */
public final class OnnxModelReader {

    private OnnxModelReader() {
    }

    /**
     * @throws IllegalArgumentException naming the file when it is not an ONNX model, or its I/O cannot be exported
     * @throws IOException when the file cannot be read
     */
    public static ModelDescription read(Path onnx) throws IOException {
        Onnx.ModelProto model = parse(onnx);
        Onnx.GraphProto graph = model.getGraph();
        // Before IR 4 initializers were also listed as graph inputs; they are weights, not inputs.
        Set<String> initializers = graph.getInitializerList().stream()
                .map(Onnx.TensorProto::getName).collect(Collectors.toSet());
        List<TensorInfo> inputs = new ArrayList<>();
        for (Onnx.ValueInfoProto value : graph.getInputList()) {
            if (!initializers.contains(value.getName())) {
                inputs.add(tensorInfo(onnx, value));
            }
        }
        List<TensorInfo> outputs = graph.getOutputList().stream().map(v -> tensorInfo(onnx, v)).toList();
        if (inputs.isEmpty() || outputs.isEmpty()) {
            throw new IllegalArgumentException(onnx + ": the ONNX graph lists no " + (inputs.isEmpty() ? "inputs" : "outputs")
                    + "; is this really a model file? Re-export it");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        model.getMetadataPropsList().forEach(p -> metadata.put(p.getKey(), p.getValue()));
        long batch = inputs.get(0).shape().length == 0 ? 1 : inputs.get(0).shape()[0];
        int maxBatch = batch < 0 ? ModelDescription.UNBOUNDED_BATCH : (int) batch;
        return new ModelDescription(onnx, ModelFormat.ONNX, inputs, outputs,
                ModelDescription.detectionIn(onnx, metadata), Precision.FP32, maxBatch, metadata);
    }

    private static Onnx.ModelProto parse(Path onnx) throws IOException {
        try (InputStream in = Files.newInputStream(onnx)) {
            return Onnx.ModelProto.parseFrom(in);
        } catch (InvalidProtocolBufferException e) {
            String reason = e.getMessage() == null ? "" : e.getMessage().split("\\.", 2)[0];
            throw new IllegalArgumentException(onnx + ": not an ONNX model (protobuf: " + reason
                    + "); pass the .onnx file written by 'trtpipe darknet2onnx' or another ONNX exporter", e);
        }
    }

    private static TensorInfo tensorInfo(Path onnx, Onnx.ValueInfoProto value) {
        if (!value.getType().hasTensorType()) {
            throw new IllegalArgumentException(onnx + ": graph input/output '" + value.getName()
                    + "' is not a tensor; only tensor I/O can be deployed");
        }
        Onnx.TypeProto.Tensor tensor = value.getType().getTensorType();
        long[] shape = tensor.getShape().getDimList().stream()
                // a symbolic (dim_param) or unknown dimension is dynamic
                .mapToLong(d -> d.hasDimValue() ? d.getDimValue() : -1).toArray();
        return new TensorInfo(value.getName(), shape, elementTypeName(onnx, value.getName(), tensor.getElemType()));
    }

    /** ONNX element type in the spelling {@link TensorInfo} uses ({@code float}, {@code float16}, {@code int32}, …). */
    private static String elementTypeName(Path onnx, String tensor, int elemType) {
        Onnx.TensorProto.DataType type = Onnx.TensorProto.DataType.forNumber(elemType);
        if (type == null || type == Onnx.TensorProto.DataType.UNDEFINED) {
            throw new IllegalArgumentException(onnx + ": tensor '" + tensor + "' has unknown element type " + elemType
                    + "; re-export the model with a defined type");
        }
        return type.name().toLowerCase(Locale.ROOT);
    }
}
