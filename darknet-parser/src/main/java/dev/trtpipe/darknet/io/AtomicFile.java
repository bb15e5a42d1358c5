package dev.trtpipe.darknet.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Writes a file so that it either appears complete or not at all: the content goes to a hidden file in
 * the target's directory, which is renamed over the target only after the writer succeeded. Engines,
 * sidecars, caches, reports, exports, ONNX models and decrypted models are all written this way. It lives
 * in darknet-parser because that is the one module every other module depends on.
 */
public final class AtomicFile {

    /** Fills the temporary file; may also validate it before it gets the real name. */
    @FunctionalInterface
    public interface Writer {
        void write(Path temporary) throws IOException;
    }

    /** Streams the content; the stream is opened and closed for it. */
    @FunctionalInterface
    public interface StreamWriter {
        void write(OutputStream out) throws IOException;
    }

    private AtomicFile() {
    }

    /** Creates missing parent directories; a failing writer leaves the target as it was and no temporary file. */
    public static void write(Path target, Writer writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Files.createDirectories(directory);
        // createFile, not createTempFile: the result gets the user's usual permissions, not owner-only
        Path temporary = Files.createFile(directory.resolve("." + absolute.getFileName() + "." + UUID.randomUUID() + ".tmp"));
        try {
            writer.write(temporary);
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    public static void writeStream(Path target, StreamWriter writer) throws IOException {
        write(target, temporary -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16)) {
                writer.write(out);
            }
        });
    }

    public static void write(Path target, byte[] content) throws IOException {
        write(target, temporary -> Files.write(temporary, content));
    }
}
