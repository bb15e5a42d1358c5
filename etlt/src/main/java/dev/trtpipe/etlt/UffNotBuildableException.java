package dev.trtpipe.etlt;

import java.io.IOException;

/**
 * The {@code .etlt} holds a UFF graph, which TensorRT ≥ 9 cannot parse (docs/etlt.md §7.3). The message
 * says what the graph contains and where to get a buildable ONNX version.
 */
public final class UffNotBuildableException extends IOException {
    public UffNotBuildableException(String message) {
        super(message);
    }
}
