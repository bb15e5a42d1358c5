package dev.trtpipe.detect;

import java.util.List;
import java.util.Map;

/**
 * Something that runs a converted network: ONNX Runtime on the CPU, or a TensorRT engine. The
 * detector feeds it one NCHW float batch and decodes the raw head tensors it returns, so pre- and
 * post-processing are identical whichever backend runs.
 */
public interface InferenceBackend extends AutoCloseable {

    /** Short name for reports, e.g. {@code onnxruntime-cpu} or {@code tensorrt}. */
    String name();

    /** The image input (NCHW float). */
    TensorInfo input();

    List<TensorInfo> outputs();

    /** The model's key/value metadata (ONNX {@code metadata_props}, the engine's sidecar JSON). */
    Map<String, String> metadata();

    /**
     * The largest batch {@link #infer} accepts: a fixed batch dimension as it is; a dynamic one is
     * unbounded ({@link Long#MAX_VALUE}) unless the backend knows its range (a TensorRT engine's profile).
     */
    default long maxBatch() {
        long batch = input().shape()[0];
        return batch > 0 ? batch : Long.MAX_VALUE;
    }

    /**
     * Runs one batch.
     *
     * @param input  NCHW float data, {@code shape[0]} images
     * @param shape  the input's concrete shape
     * @return every output, flattened row-major, by name; integer outputs (the count and class ids of a
     *         model with NMS in its graph) converted to float, which is exact below 2²⁴
     */
    Map<String, float[]> infer(float[] input, long[] shape) throws Exception;

    @Override
    void close();
}
