package dev.trtpipe.detect.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Paths into the read-only reference material ({@code ../shared}) and its float dumps. */
public final class SharedRefs {

    private SharedRefs() {
    }

    public static Path root() {
        return Path.of(System.getProperty("trtpipe.shared", "../shared"));
    }

    public static Path resolve(String relative) {
        return root().resolve(relative);
    }

    /** A headerless little-endian float32 dump (references.md §2.1). */
    public static float[] floats(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            float[] out = new float[bytes.length / 4];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
