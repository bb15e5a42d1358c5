package dev.trtpipe.api;

import dev.trtpipe.etlt.PayloadKind;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@code .etlt}'s payload in memory. Immutable: {@link #bytes()} returns a copy.
 *
 * @param source  the {@code .etlt} file
 * @param kind    ONNX or UFF, recognised from the content
 * @param bytes   the serialized model
 * @param warning set when the file's header announced the other kind (the content wins)
 */
public record DecryptedModel(Path source, PayloadKind kind, byte[] bytes, Optional<String> warning) {

    public DecryptedModel {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(kind, "kind");
        bytes = bytes.clone();
        Objects.requireNonNull(warning, "warning");
    }

    /**
     * The serialized model.
     *
     * @return a copy of the bytes
     */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * The payload's size.
     *
     * @return bytes
     */
    public int size() {
        return bytes.length;
    }
}
