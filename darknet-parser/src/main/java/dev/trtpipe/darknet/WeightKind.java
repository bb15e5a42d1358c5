package dev.trtpipe.darknet;

/** The arrays a layer's record in a {@code .weights} file consists of (darknet.md §1.2). */
public enum WeightKind {
    /** Conv/connected bias; with batch norm this is the BN beta. */
    BIASES,
    /** BN gamma. */
    SCALES,
    ROLLING_MEAN,
    ROLLING_VARIANCE,
    /** Conv kernel {@code [n][c/g][k][k]}, connected matrix {@code [n][inputs]}, shortcut weights. */
    WEIGHTS
}
