package dev.trtpipe.detect.backend;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What to run: the model file and, for a darknet {@code .cfg}, its weights.
 *
 * @param threads intra-op threads for CPU backends; 0 = the runtime's default
 */
public record BackendRequest(Path model, Optional<Path> weights, int threads) {

    public BackendRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(weights, "weights");
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0, got " + threads);
        }
    }

    public static BackendRequest of(Path model) {
        return new BackendRequest(model, Optional.empty(), 0);
    }

    /** The model file's extension in lower case, without the dot ({@code ""} if none). */
    public String extension() {
        String name = model.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
