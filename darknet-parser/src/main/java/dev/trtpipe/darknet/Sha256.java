package dev.trtpipe.darknet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of a buffer, as lower-case hex. */
final class Sha256 {

    private Sha256() {
    }

    static String of(ByteBuffer bytes) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            if (bytes.hasArray()) {
                digest.update(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
                return HexFormat.of().formatHex(digest.digest());
            }
            ByteBuffer view = bytes.duplicate();
            byte[] chunk = new byte[1 << 20];
            while (view.hasRemaining()) {
                int n = Math.min(chunk.length, view.remaining());
                view.get(chunk, 0, n);
                digest.update(chunk, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("this Java runtime has no SHA-256", e);
        }
    }
}
