package dev.trtpipe.trt;

/**
 * TensorRT or a usable NVIDIA GPU is missing on this host. The message is one line naming what is
 * missing and how to get it; the CLI maps this exception (by its simple name) to exit code 3.
 */
public final class TrtUnavailableException extends RuntimeException {

    public TrtUnavailableException(String message) {
        super(message);
    }
}
