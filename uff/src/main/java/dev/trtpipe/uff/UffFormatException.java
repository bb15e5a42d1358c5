package dev.trtpipe.uff;

import java.io.IOException;

/** A UFF graph that does not parse or does not hold together (dangling input, missing reference, wrong blob size). */
public final class UffFormatException extends IOException {
    public UffFormatException(String message) {
        super(OneLine.of(message));
    }

    public UffFormatException(String message, Throwable cause) {
        super(OneLine.of(message), cause);
    }
}
