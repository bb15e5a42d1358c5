package dev.trtpipe.etlt;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.trtpipe.onnx.proto.Onnx.ModelProto;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Parses a (decrypted) ONNX model and checks it is a real one: the sniffer only looked at the first bytes
 * (docs/etlt.md §4 asks for a full parse and a graph with at least one node).
 */
public final class OnnxPayload {

    private OnnxPayload() {
    }

    /** Parses the ONNX model file {@code onnx}; {@code origin} names the file for messages. */
    public static ModelProto read(Path onnx, String origin) throws IOException {
        try (InputStream in = Files.newInputStream(onnx)) {
            return read(in, origin);
        }
    }

    public static ModelProto read(InputStream in, String origin) throws IOException {
        ModelProto model;
        try {
            CodedInputStream coded = CodedInputStream.newInstance(in);
            coded.setSizeLimit(Integer.MAX_VALUE); // large initializers are fine; ONNX protobufs stop at 2 GiB anyway
            model = ModelProto.parseFrom(coded);
        } catch (InvalidProtocolBufferException e) {
            throw new IOException(origin + ": not a valid ONNX model (" + e.getMessage() + "); the file is truncated or corrupt", e);
        }
        if (model.getGraph().getNodeCount() == 0) {
            throw new IOException(origin + ": not a valid ONNX model (its graph has no nodes); the file is corrupt or not a model");
        }
        return model;
    }
}
