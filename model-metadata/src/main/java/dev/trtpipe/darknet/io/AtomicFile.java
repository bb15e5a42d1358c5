package dev.trtpipe.darknet.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that it either appears complete or not at all: the content goes to a hidden file in
 * the target's directory ({@code .NAME.trtpipe-tmp-PID-N}, see {@link TemporaryFiles}), which is renamed
 * over the target only after the writer succeeded. Engines, sidecars, caches, reports, exports, ONNX
 * models and decrypted models are all written this way; {@link AtomicFiles} does the same for several
 * files that belong together. It lives in darknet-parser because that is the one module every other
 * module depends on.
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

    /**
     * Creates missing parent directories; a failing writer leaves the target as it was and no temporary
     * file. Failures name {@code target}, never the temporary; a full disk says "no space left".
     */
    public static void write(Path target, Writer writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path temporary = prepare(absolute, writer);
        try {
            commit(temporary, absolute);
        } finally {
            TemporaryFiles.release(temporary);
        }
    }

    public static void writeStream(Path target, StreamWriter writer) throws IOException {
        write(target, streaming(writer));
    }

    public static void write(Path target, byte[] content) throws IOException {
        write(target, temporary -> Files.write(temporary, content));
    }

    /** {@code writer} as a {@link Writer}: a buffered stream on the temporary, opened and closed for it. */
    public static Writer streaming(StreamWriter writer) {
        return temporary -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16)) {
                writer.write(out);
            }
        };
    }

    /** Writes {@code target}'s content into a new temporary beside it and returns the temporary (registered). */
    static Path prepare(Path absolute, Writer writer) throws IOException {
        Path directory = absolute.getParent();
        if (Files.isDirectory(absolute)) {
            throw new IOException("cannot write " + absolute + ": it is a directory; give a file name");
        }
        Path temporary;
        try {
            Files.createDirectories(directory);
            TemporaryFiles.removeStale(absolute);
            temporary = TemporaryFiles.create(TemporaryFiles.nameFor(absolute));
        } catch (IOException e) {
            throw WriteFailure.ofCreation(e, absolute);
        }
        try {
            writer.write(temporary);
            return temporary;
        } catch (IOException e) {
            TemporaryFiles.release(temporary);
            throw WriteFailure.of(e, absolute, temporary);
        } catch (RuntimeException | Error e) {
            TemporaryFiles.release(temporary);
            throw e;
        }
    }

    /** Renames a prepared temporary over its target. */
    static void commit(Path temporary, Path absolute) throws IOException {
        try {
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            TemporaryFiles.moved(temporary);
        } catch (FileSystemException e) {
            throw WriteFailure.of(e, absolute, temporary);
        }
    }
}
