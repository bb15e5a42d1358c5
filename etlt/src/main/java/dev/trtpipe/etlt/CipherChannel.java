package dev.trtpipe.etlt;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;

/**
 * Reads from a channel and runs what it read through a stream cipher in place, so streaming costs no
 * buffer beyond the caller's. Used for both directions: AES-CTR encryption and decryption are the same.
 */
final class CipherChannel implements ReadableByteChannel {

    private final ReadableByteChannel source;
    private final Cipher cipher;

    CipherChannel(ReadableByteChannel source, Cipher cipher) {
        this.source = source;
        this.cipher = cipher;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int start = dst.position();
        int n = source.read(dst);
        if (n > 0) {
            ByteBuffer in = dst.duplicate().limit(dst.position()).position(start);
            ByteBuffer out = in.duplicate();
            try {
                // Cipher.update is copy-safe: input and output may be the same memory
                cipher.update(in, out);
            } catch (ShortBufferException e) {
                throw new IllegalStateException("a stream cipher returned more bytes than it was given", e);
            }
        }
        return n;
    }

    @Override
    public boolean isOpen() {
        return source.isOpen();
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
