package dev.trtpipe.api;

/**
 * TensorRT or a usable NVIDIA GPU is missing on this host, and the call needed it (running or building an
 * engine). The message names the model and what is missing (e.g. {@code libnvinfer.so.10}); everything that
 * runs on the CPU works without TensorRT.
 */
public final class TensorRtUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what needed TensorRT and what is missing
     * @param cause   the probe's failure
     */
    public TensorRtUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
