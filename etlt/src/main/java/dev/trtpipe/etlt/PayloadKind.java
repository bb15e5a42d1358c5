package dev.trtpipe.etlt;

/** What an {@code .etlt} carries once decrypted. */
public enum PayloadKind {
    /** A serialized ONNX {@code ModelProto}; buildable with TensorRT's ONNX parser. */
    ONNX,
    /** A serialized TensorRT UFF {@code MetaGraph}; only TensorRT ≤ 8.6 could parse it. */
    UFF
}
