package dev.trtpipe.detect;

import java.io.IOException;
import java.util.Objects;

/** Detection failed on one image of a batch; the message starts with the image's name. */
public final class ImageDetectionException extends IOException {

    private final String source;

    public ImageDetectionException(String source, Throwable cause) {
        super(messageFor(Objects.requireNonNull(source, "source"), cause), cause);
        this.source = source;
    }

    /** The failed image, as the caller named it (its path, or the label of an in-memory image). */
    public String source() {
        return source;
    }

    /** Image loading errors already start with the file name; everything else gets it prepended. */
    private static String messageFor(String source, Throwable cause) {
        String problem = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return problem.startsWith(source) ? problem : source + ": " + problem;
    }
}
