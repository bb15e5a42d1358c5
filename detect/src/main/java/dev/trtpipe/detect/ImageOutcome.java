package dev.trtpipe.detect;

import java.util.Objects;

/**
 * What became of one image of a run over many: its detections, or why it could not be read. A run over
 * an archive goes on past an unreadable file; the caller counts and reports the failures.
 */
public sealed interface ImageOutcome {

    /** The image as the caller named it (its path, or the label of an in-memory image). */
    String source();

    /** The image was read and detected on. */
    record Detected(DetectionResult result) implements ImageOutcome {
        public Detected {
            Objects.requireNonNull(result, "result");
        }

        @Override
        public String source() {
            return result.source();
        }
    }

    /** The image could not be read; {@code message} is one line starting with the file name. */
    record Failed(String source, String message) implements ImageOutcome {
        public Failed {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(message, "message");
        }
    }
}
