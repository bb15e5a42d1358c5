package dev.trtpipe.etlt;

import java.io.IOException;

/** The file is not a well-formed {@code .etlt} container (bad header, truncated). The message names file and offset. */
public final class EtltFormatException extends IOException {
    public EtltFormatException(String message) {
        super(message);
    }
}
