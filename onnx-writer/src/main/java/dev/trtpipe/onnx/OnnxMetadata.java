package dev.trtpipe.onnx;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.trtpipe.darknet.io.AtomicFile;
import dev.trtpipe.onnx.proto.Onnx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and rewrites an ONNX model's {@code metadata_props} through our ONNX schema, leaving the graph
 * and weights as they are (the other fields are re-serialised unchanged). Used to embed run settings,
 * such as a TAO detector's nvinfer spec, into a model that trtpipe did not write.
 */
public final class OnnxMetadata {

    private OnnxMetadata() {
    }

    /** The model's {@code metadata_props}, in file order. */
    public static Map<String, String> read(Path onnx) throws IOException {
        return OnnxModelInfo.metadata(parse(onnx));
    }

    /**
     * Writes {@code in} to {@code out} (atomically; {@code out} may be {@code in}) with {@code metadata}
     * set: existing keys are replaced, the others kept.
     *
     * @throws IOException {@code in} is unreadable or not an ONNX model
     */
    public static void write(Path in, Path out, Map<String, String> metadata) throws IOException {
        AtomicFile.write(out, withMetadata(in, metadata));
    }

    /**
     * The bytes of {@code in} with {@code metadata} set, as {@link #write} would write them: for a build that
     * takes the model as bytes and must not change the user's file.
     *
     * @throws IOException {@code in} is unreadable or not an ONNX model
     */
    public static byte[] withMetadata(Path in, Map<String, String> metadata) throws IOException {
        Onnx.ModelProto model = parse(in);
        Map<String, String> merged = new LinkedHashMap<>();
        model.getMetadataPropsList().forEach(p -> merged.put(p.getKey(), p.getValue()));
        merged.putAll(metadata);
        Onnx.ModelProto.Builder b = model.toBuilder().clearMetadataProps();
        merged.forEach((k, v) -> b.addMetadataProps(Onnx.StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return b.build().toByteArray();
    }

    private static Onnx.ModelProto parse(Path onnx) throws IOException {
        byte[] bytes = Files.readAllBytes(onnx);
        try {
            Onnx.ModelProto model = Onnx.ModelProto.parseFrom(bytes);
            if (!model.hasGraph()) {
                throw new IOException(onnx + ": not an ONNX model (no graph); pass the .onnx file");
            }
            return model;
        } catch (InvalidProtocolBufferException e) {
            throw new IOException(onnx + ": not an ONNX model (" + e.getMessage() + "); pass the .onnx file", e);
        }
    }
}
