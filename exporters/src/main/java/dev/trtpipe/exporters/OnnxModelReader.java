package dev.trtpipe.exporters;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.trtpipe.detect.TensorInfo;
import dev.trtpipe.onnx.OnnxModelInfo;
import dev.trtpipe.onnx.proto.Onnx;
import dev.trtpipe.trt.Precision;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
        List<TensorInfo> inputs = OnnxModelInfo.graphInputs(graph).stream().map(v -> tensorInfo(onnx, v)).toList();
        List<TensorInfo> outputs = graph.getOutputList().stream().map(v -> tensorInfo(onnx, v)).toList();
        if (inputs.isEmpty() || outputs.isEmpty()) {
            throw new IllegalArgumentException(onnx + ": the ONNX graph lists no " + (inputs.isEmpty() ? "inputs" : "outputs")
                    + "; is this really a model file? Re-export it");
        }
        Map<String, String> metadata = OnnxModelInfo.metadata(model);
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

    /** {@link OnnxModelInfo#tensorInfo}, refusing what a deployment cannot declare: non-tensor I/O, undefined types. */
    private static TensorInfo tensorInfo(Path onnx, Onnx.ValueInfoProto value) {
        if (!value.getType().hasTensorType()) {
            throw new IllegalArgumentException(onnx + ": graph input/output '" + value.getName()
                    + "' is not a tensor; only tensor I/O can be deployed");
        }
        int elemType = value.getType().getTensorType().getElemType();
        Onnx.TensorProto.DataType type = Onnx.TensorProto.DataType.forNumber(elemType);
        if (type == null || type == Onnx.TensorProto.DataType.UNDEFINED) {
            throw new IllegalArgumentException(onnx + ": tensor '" + value.getName() + "' has unknown element type " + elemType
                    + "; re-export the model with a defined type");
        }
        return OnnxModelInfo.tensorInfo(value);
    }
}
