package dev.trtpipe.samples.compare;

import java.util.List;

/**
 * A path's inputs and outputs as the runtime that ran them reports them.
 *
 * @param runtime {@code TensorRT engine} or {@code ONNX Runtime (CPU)}
 */
public record PathIo(String path, String runtime, List<TensorDesc> inputs, List<TensorDesc> outputs) {

    public PathIo {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }
}
