package dev.trtpipe.etlt;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Writes a file so that it either appears complete or not at all: the content goes to a hidden file in
 * the same directory, which is renamed over the target only after the writer succeeded.
 */
public final class AtomicFile {

    /** Fills a temporary file; may also validate it before it gets the real name. */
    @FunctionalInterface
    public interface Writer {
        void write(Path temporary) throws IOException;
    }

    private AtomicFile() {
    }

    public static void write(Path target, Writer writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Files.createDirectories(directory);
        // created with createFile (not createTempFile) so the result gets the user's usual permissions
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
}
