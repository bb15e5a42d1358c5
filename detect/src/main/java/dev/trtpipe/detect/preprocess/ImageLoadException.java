package dev.trtpipe.detect.preprocess;

import java.io.IOException;
import java.nio.file.Path;

/** An image file that cannot be turned into RGB pixels; the message names the file and the fix. */
public final class ImageLoadException extends IOException {

    private final Path file;

    public ImageLoadException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public ImageLoadException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
