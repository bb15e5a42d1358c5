package dev.trtpipe.trt;

/** TensorRT or CUDA reported a failure; the message carries what TensorRT logged, on one line. */
public final class TensorRtException extends RuntimeException {

    public TensorRtException(String message) {
        super(message);
    }
}
