package dev.trtpipe.uff;

/**
 * Bad input found while a translator reads a node (a field of the wrong kind or size); {@link UffToOnnx}
 * turns it into a {@link UffFormatException}. Unchecked so that translators stay small lambdas-like classes.
 */
public final class UffFormatRuntimeException extends RuntimeException {
    public UffFormatRuntimeException(String message) {
        super(message);
    }
}
