package dev.trtpipe.api;

import dev.trtpipe.etlt.PayloadKind;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@code .etlt}'s payload written to a file by {@link Etlt#decrypt(Path, String, Path)}.
 *
 * @param file    the model file written
 * @param kind    ONNX or UFF, recognised from the content
 * @param bytes   its size
 * @param warning set when the {@code .etlt}'s header announced the other kind (the content wins)
 */
public record DecryptedFile(Path file, PayloadKind kind, long bytes, Optional<String> warning) {

    public DecryptedFile {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(warning, "warning");
    }
}
