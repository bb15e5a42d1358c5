package dev.trtpipe.etlt;

import dev.trtpipe.detect.SettingException;
import dev.trtpipe.detect.SettingIOException;
import dev.trtpipe.uff.UffGraph;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** UFF graphs from a decrypted {@code .etlt} payload or from a bare {@code .uff} file (no encryption). */
public final class UffPayload {

    private UffPayload() {
    }

    /** Consumes the rest of {@code plain}, which must hold UFF. */
    public static UffGraph read(Plaintext plain) throws IOException {
        // one array of the known payload size: the graph's weight blobs alias it, nothing is copied again
        if (plain.size() > Integer.MAX_VALUE - 8) {
            throw new IOException(plain.source() + ": the UFF payload is " + plain.size() + " bytes; a UFF graph is a protobuf"
                    + " message, which cannot exceed 2 GiB, so the file is corrupt");
        }
        byte[] bytes = new byte[(int) plain.size()];
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            if (plain.read(buffer) < 0) {
                throw new IOException(plain.source() + ": the UFF payload ends after " + buffer.position() + " of "
                        + bytes.length + " bytes; the file is truncated");
            }
        }
        return UffGraph.read(bytes, plain.source().toString());
    }

    /** Whether {@code file} is an unencrypted UFF graph (recognised by its first bytes, docs/etlt.md §4). */
    public static boolean isBareUff(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            return false; // not a UFF file: the .etlt reader names the directory
        }
        byte[] prefix;
        try (InputStream in = Files.newInputStream(file)) {
            prefix = in.readNBytes(PayloadSniffer.PREFIX_BYTES);
        }
        return PayloadSniffer.sniff(prefix).filter(k -> k == PayloadKind.UFF).isPresent();
    }

    public static UffGraph readBare(Path file) throws IOException {
        if (!isBareUff(file)) {
            throw new SettingIOException(file + " is not a UFF graph (it does not start with a UFF MetaGraph header"
                    + " 08 01 10 01 1a ... tensorflow_extension); for an .etlt give the key with {ETLT_KEY}", null);
        }
        return UffGraph.read(Files.readAllBytes(file), file.toString());
    }

    /** The {@link UffGraph} of a {@code .etlt} or bare {@code .uff}; empty when the {@code .etlt} holds ONNX. */
    static Optional<UffGraph> readEither(Path file, Optional<EtltKey> key) throws IOException {
        if (isBareUff(file)) {
            return Optional.of(readBare(file));
        }
        try (Plaintext plain = EtltFile.read(file).decrypt(key.orElseThrow(() -> new SettingException(
                "missing {ETLT_KEY <key>}: " + file + " is an .etlt")))) {
            return plain.kind() == PayloadKind.UFF ? Optional.of(read(plain)) : Optional.empty();
        }
    }
}
