package dev.trtpipe.etlt;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A TAO/TLT {@code .etlt} file: {@link #read} checks the clear-text header, {@link #decrypt} streams the
 * payload with the payload kind recognised and a wrong key reported as such.
 *
 * <pre>{@code
 * EtltFile etlt = EtltFile.read(path);
 * try (Plaintext model = etlt.decrypt(EtltKey.parse("nvidia_tlt"))) {
 *     if (model.kind() == PayloadKind.ONNX) { ... model.inputStream() ... }
 * }
 * }</pre>
 */
public final class EtltFile {

    private final Path path;
    private final EtltHeader header;

    private EtltFile(Path path, EtltHeader header) {
        this.path = path;
        this.header = header;
    }

    /** Reads and validates the header; the payload is not touched. */
    public static EtltFile read(Path path) throws IOException {
        if (java.nio.file.Files.isDirectory(path)) {
            throw new EtltFormatException(path + ": is a directory; give the .etlt file");
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            return new EtltFile(path, EtltHeader.read(channel, path));
        }
    }

    public Path path() {
        return path;
    }

    /** The shortest payload that can hold a model: an ONNX ModelProto needs its IR version, a graph and an opset. */
    static final int MIN_PAYLOAD_BYTES = 16;

    public EtltHeader header() {
        return header;
    }

    /**
     * Opens the decrypted payload. Its first bytes are checked first, so the result is known to be ONNX
     * or UFF.
     *
     * @throws WrongKeyException if the key does not decrypt this file
     */
    public Plaintext decrypt(EtltKey key) throws IOException {
        FileChannel file = FileChannel.open(path, StandardOpenOption.READ);
        try {
            PayloadKind kind = identify(file, key);
            file.position(header.payloadOffset());
            return new Plaintext(path, header, kind, new CipherChannel(file, CtrCipher.create(key, header.nonce())));
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /** Decrypts the first bytes with a throw-away cipher and recognises the payload from them. */
    private PayloadKind identify(FileChannel file, EtltKey key) throws IOException {
        if (header.payloadLength() < MIN_PAYLOAD_BYTES) {
            // no key can make a model of a few bytes: calling it a wrong key would send the user hunting keys
            throw new IOException(path + ": the encrypted payload at offset " + header.payloadOffset() + " is only "
                    + header.payloadLength() + " bytes, too short for any ONNX or UFF model; the file is truncated:"
                    + " download or export it again");
        }
        ByteBuffer prefix = ByteBuffer.allocate((int) Math.min(PayloadSniffer.PREFIX_BYTES, header.payloadLength()));
        while (prefix.hasRemaining() && file.read(prefix, header.payloadOffset() + prefix.position()) >= 0) {
            // positional reads until the prefix is full
        }
        // CTR is a stream mode: update returns exactly as many bytes as it was given
        byte[] plain = CtrCipher.create(key, header.nonce()).update(prefix.array(), 0, prefix.position());
        return PayloadSniffer.sniff(plain).orElseThrow(() -> new WrongKeyException("wrong key for " + path
                + " (payload is not ONNX or UFF): " + key.source() + " does not decrypt it; " + EtltKey.NGC_KEYS_HINT));
    }
}
