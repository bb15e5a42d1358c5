package dev.trtpipe.onnx;

import com.google.protobuf.CodedOutputStream;
import dev.trtpipe.darknet.DarknetWeights;
import dev.trtpipe.darknet.io.AtomicFile;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Streams a {@link ConvertedModel} to a file: never the whole model in memory, never a half-written
 * {@code .onnx} (a temporary file beside the target, renamed when complete).
 *
 * <p>The weights' SHA-256 belongs in {@code metadata_props}, field 14 of {@code ModelProto}, which the
 * canonical encoding puts after the graph (7) and opset imports (8). So the model is written in two
 * parts — everything but the metadata, then a message holding only the metadata — while another thread
 * hashes the weights ({@link DarknetWeights#sha256()}, which hashes while loading). Concatenated
 * protobuf messages parse as their merge, and since field order is preserved the bytes equal
 * {@code toModelProto().toByteArray()} exactly.
 */
public final class OnnxModelWriter {

    private static final int BUFFER_BYTES = 1 << 20;

    private OnnxModelWriter() {
    }

    /** What was written. */
    public record Result(Path path, long bytes, String weightsSha256) {
    }

    /**
     * Writes the model once its weights are loaded: with {@link DarknetWeights#load} the conversion runs
     * while they are read, and the writing (which reads them) waits here.
     */
    public static Result write(ConvertedModel model, Path target) throws IOException {
        model.weights().awaitLoaded();
        long[] size = {0};
        AtomicFile.write(target, tmp -> {
            try (OutputStream out = new ChunkedOutputStream(new FileOutputStream(tmp.toFile()))) {
                CodedOutputStream coded = CodedOutputStream.newInstance(out, BUFFER_BYTES);
                model.graph().modelWithoutMetadata(ConvertedModel.PRODUCER_VERSION).writeTo(coded);
                model.graph().metadataOnly(Map.of(ConvertedModel.WEIGHTS_SHA256_KEY, model.weights().awaitSha256())).writeTo(coded);
                coded.flush();
            }
            size[0] = Files.size(tmp);
        });
        return new Result(target, size[0], model.weights().awaitSha256());
    }

    /**
     * Writes a graph built by another translator (e.g. UFF → ONNX) with its metadata, atomically; returns the
     * bytes written.
     */
    public static long write(OnnxGraph graph, String producerVersion, Path target) throws IOException {
        // such graphs are as small as the model they were translated from: encoded whole, written with one call
        OnnxModelEncoder encoder = new OnnxModelEncoder(graph, producerVersion, Map.of());
        ByteBuffer buffer = FileWriteBuffer.ofSize(encoder.size());
        encoder.encodeInto(buffer);
        buffer.flip();
        AtomicFile.write(target, tmp -> {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
            }
        });
        return encoder.size();
    }

    /** The whole model in memory (tests, small graphs): the bytes {@link #write(OnnxGraph, String, Path)} writes. */
    public static byte[] toBytes(OnnxGraph graph, String producerVersion) {
        return OnnxModelEncoder.encode(graph, producerVersion, Map.of());
    }

    /**
     * Hands large writes (protobuf writes big {@code raw_data} arrays straight through) to the file in
     * 1 MiB pieces, so the JDK's native copy buffer stays small instead of growing to the largest layer.
     */
    private static final class ChunkedOutputStream extends FilterOutputStream {
        ChunkedOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            for (int done = 0; done < len; done += BUFFER_BYTES) {
                out.write(b, off + done, Math.min(BUFFER_BYTES, len - done));
            }
        }
    }
}
