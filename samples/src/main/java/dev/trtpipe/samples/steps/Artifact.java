package dev.trtpipe.samples.steps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file a step produced (or consumed), identified by size and SHA-256 so two paths' files can be
 * compared byte for byte.
 *
 * @param role what the file is, e.g. {@code ONNX model}, {@code engine}
 */
public record Artifact(String role, String file, long bytes, String sha256) {

    public static Artifact of(String role, Path file) throws IOException {
        return new Artifact(role, file.toString(), Files.size(file), FileDigest.sha256(file));
    }

    /** {@code 1.4 MB} / {@code 12.0 KB}. */
    public String size() {
        return bytes < 1 << 20 ? String.format(java.util.Locale.ROOT, "%.1f KB", bytes / 1024.0)
                : String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
