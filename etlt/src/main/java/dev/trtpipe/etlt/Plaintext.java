package dev.trtpipe.etlt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The decrypted payload of an {@code .etlt}, read as a stream (nothing is held in memory beyond the
 * reader's buffer). Its {@link #kind()} was recognised from the first plaintext bytes before this was
 * handed out, so a wrong key never gets this far. Close it to release the file.
 */
public final class Plaintext implements ReadableByteChannel {

    private final Path source;
    private final EtltHeader header;
    private final PayloadKind kind;
    private final ReadableByteChannel channel;

    Plaintext(Path source, EtltHeader header, PayloadKind kind, ReadableByteChannel channel) {
        this.source = source;
        this.header = header;
        this.kind = kind;
        this.channel = channel;
    }

    /** The {@code .etlt} this comes from. */
    public Path source() {
        return source;
    }

    /** What the payload is, judged by its content (not the header). */
    public PayloadKind kind() {
        return kind;
    }

    /** Plaintext length in bytes. */
    public long size() {
        return header.payloadLength();
    }

    /** A warning when the header announced the other kind of payload (docs/etlt.md §4: go by the payload). */
    public Optional<String> headerMismatch() {
        if (header.declaredKind() == kind) {
            return Optional.empty();
        }
        String declared = header.inputName().isEmpty() ? "no input name (ONNX)" : "input name '" + header.inputName() + "' (UFF)";
        return Optional.of(source + ": the header has " + declared + " but the payload is " + kind + "; going by the payload");
    }

    /** Decrypts the rest of the payload into {@code out}; returns the bytes written. */
    public long transferTo(WritableByteChannel out) throws IOException {
        return ChannelCopy.copy(this, out);
    }

    /** Decrypts the rest of the payload into a new file at {@code file} (no atomic rename; see {@link dev.trtpipe.darknet.io.AtomicFile}). */
    public long transferTo(Path file) throws IOException {
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING)) {
            return transferTo(out);
        }
    }

    /** The rest of the payload as an {@link InputStream} (closing it closes this). */
    public InputStream inputStream() {
        return Channels.newInputStream(this);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return channel.read(dst);
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
