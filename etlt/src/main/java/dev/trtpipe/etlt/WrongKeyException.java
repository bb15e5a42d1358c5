package dev.trtpipe.etlt;

import java.io.IOException;

/**
 * The key does not decrypt the file: {@code .etlt} has no MAC, so this is detected from the plaintext,
 * which is neither ONNX nor UFF.
 */
public final class WrongKeyException extends IOException {
    public WrongKeyException(String message) {
        super(message);
    }
}
