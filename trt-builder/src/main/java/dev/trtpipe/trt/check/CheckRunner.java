package dev.trtpipe.trt.check;

import dev.trtpipe.detect.TensorInfo;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** One side of a check: a model that takes named tensors and gives named tensors. */
public interface CheckRunner extends AutoCloseable {

    /** e.g. {@code onnxruntime-cpu}, {@code tensorrt}: the table's column label. */
    String name();

    /** Inputs as the model declares them, {@code -1} for a dynamic dimension. */
    List<TensorInfo> inputs();

    List<TensorInfo> outputs();

    /** Notes for the user from loading (e.g. an engine built on another GPU, or from another ONNX). */
    default List<String> warnings() {
        return List.of();
    }

    /** Every output, in the model's order. */
    Map<String, TensorData> run(Map<String, TensorData> inputs) throws IOException;

    @Override
    void close() throws IOException;
}
