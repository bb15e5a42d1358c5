package dev.trtpipe.etlt;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.trtpipe.uff.proto.Uff.MetaGraph;
import java.io.IOException;
import java.io.InputStream;

/** Reads a decrypted payload (ONNX or UFF) into a {@link ModelSummary}. */
public final class ModelInspector {

    private ModelInspector() {
    }

    /** Consumes the rest of {@code plaintext}. */
    public static ModelSummary inspect(Plaintext plaintext) throws IOException {
        String origin = plaintext.source().toString();
        InputStream in = plaintext.inputStream();
        return switch (plaintext.kind()) {
            case ONNX -> OnnxSummarizer.summarize(OnnxPayload.read(in, origin));
            case UFF -> UffSummarizer.summarize(readUff(in, origin));
        };
    }

    static MetaGraph readUff(InputStream in, String origin) throws IOException {
        MetaGraph meta;
        try {
            CodedInputStream coded = CodedInputStream.newInstance(in);
            coded.setSizeLimit(Integer.MAX_VALUE);
            meta = MetaGraph.parseFrom(coded);
        } catch (InvalidProtocolBufferException e) {
            throw new IOException(origin + ": the UFF graph does not parse (" + e.getMessage()
                    + "); the file is truncated or corrupt", e);
        }
        if (meta.getGraphsCount() == 0 || meta.getGraphs(0).getNodesCount() == 0) {
            throw new IOException(origin + ": the UFF payload has no graph nodes; the file is corrupt or not a model");
        }
        return meta;
    }
}
