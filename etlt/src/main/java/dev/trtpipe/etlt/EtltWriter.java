package dev.trtpipe.etlt;

import dev.trtpipe.darknet.io.AtomicFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/** Packages a model as an {@code .etlt}: the inverse of {@link EtltFile#decrypt}, with a fresh random nonce per file. */
public final class EtltWriter {

    private static final SecureRandom RANDOM = new SecureRandom();

    private EtltWriter() {
    }

    /**
     * Encrypts {@code plaintext} (to its end) into {@code out}.
     *
     * @param inputName empty for ONNX payloads (what TAO writes); the first input's name for UFF
     * @return the bytes written
     */
    public static long encrypt(ReadableByteChannel plaintext, String inputName, EtltKey key, WritableByteChannel out) throws IOException {
        byte[] name = inputName.getBytes(StandardCharsets.UTF_8);
        if (name.length > EtltHeader.MAX_NAME_BYTES) {
            throw new IllegalArgumentException("input name of " + name.length + " bytes is too long for an .etlt header (max "
                    + EtltHeader.MAX_NAME_BYTES + ")");
        }
        byte[] nonce = new byte[CtrCipher.NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        ByteBuffer header = ByteBuffer.allocate(4 + name.length + nonce.length).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(name.length).put(name).put(nonce).flip();
        long written = 0;
        while (header.hasRemaining()) {
            written += out.write(header);
        }
        return written + ChannelCopy.copy(new CipherChannel(plaintext, CtrCipher.create(key, nonce)), out);
    }

    /** Encrypts the file {@code model} into {@code etlt}, atomically (a failure leaves no partial output). */
    public static void encrypt(Path model, String inputName, EtltKey key, Path etlt) throws IOException {
        try (FileChannel in = FileChannel.open(model, StandardOpenOption.READ)) {
            AtomicFile.write(etlt, temporary -> {
                try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                    encrypt(in, inputName, key, out);
                }
            });
        }
    }
}
