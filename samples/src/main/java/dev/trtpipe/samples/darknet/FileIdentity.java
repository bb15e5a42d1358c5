package dev.trtpipe.samples.darknet;

import dev.trtpipe.samples.steps.FileDigest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A model file's SHA-256 and whether it is a published file: the sample says plainly when it runs on a
 * cfg or weights that are not the real ones.
 *
 * @param published the published file with this SHA-256, if any
 */
public record FileIdentity(Path file, String sha256, Optional<KnownFile> published) {

    public static FileIdentity of(Path file) throws IOException {
        return of(file, FileDigest.sha256(file));
    }

    /** For a file whose hash is already known (the converter hashes the weights while writing the ONNX). */
    public static FileIdentity of(Path file, String sha256) {
        return new FileIdentity(file, sha256, PublishedFiles.bySha256(sha256));
    }

    public boolean is(KnownFile known) {
        return published.filter(known::equals).isPresent();
    }

    /** {@code sha256 523e4e69e1d0… = pjreddie's published yolov3.weights …} or {@code sha256 …: unverified …}. */
    public String verdict() {
        String hash = "sha256 " + sha256.substring(0, 12) + "…";
        return published.map(p -> hash + " = " + p.description())
                .orElse(hash + ": unverified, not a published file trtpipe knows");
    }
}
