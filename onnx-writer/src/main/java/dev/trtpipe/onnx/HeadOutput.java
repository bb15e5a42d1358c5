package dev.trtpipe.onnx;

import dev.trtpipe.darknet.DetectionSpec;

/**
 * A detection head in the written graph: its spec, and the raw tensor feeding the {@code [yolo]} /
 * {@code [region]} layer, {@code (N, A·(5+K), H, W)}, named {@code NNN_convolutional}.
 */
public record HeadOutput(DetectionSpec.Head head, String tensor, long[] dims) {

    public HeadOutput {
        dims = dims.clone();
    }

    @Override
    public long[] dims() {
        return dims.clone();
    }
}
