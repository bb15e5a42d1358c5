package dev.trtpipe.exporters;

/** What kind of file a {@link ModelDescription} describes. */
public enum ModelFormat {
    /** An ONNX model; DeepStream and Triton build or run it themselves. */
    ONNX,
    /** A serialized TensorRT engine ({@code .plan}/{@code .engine}), bound to one GPU model and TensorRT version. */
    TENSORRT_PLAN
}
