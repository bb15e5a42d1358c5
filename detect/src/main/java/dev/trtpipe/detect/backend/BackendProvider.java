package dev.trtpipe.detect.backend;

import dev.trtpipe.detect.InferenceBackend;
import java.io.IOException;

/**
 * A way to run one kind of model file. Providers are found with {@link java.util.ServiceLoader}: a module
 * adds a route (a darknet {@code .cfg} converted in memory, a TensorRT engine) by listing its class in
 * {@code META-INF/services/dev.trtpipe.detect.backend.BackendProvider}; {@code trtpipe detect} and
 * {@link Backends} need no change.
 */
public interface BackendProvider {

    /** Short name for messages, e.g. {@code onnxruntime-cpu}. */
    String name();

    /** Whether this provider runs {@code request}'s model (usually decided by the file extension). */
    boolean accepts(BackendRequest request);

    /**
     * Opens the model. The backend's {@link InferenceBackend#metadata()} must carry the model's
     * {@link dev.trtpipe.darknet.DetectionSpec}.
     *
     * @throws IOException              the model file cannot be read or loaded
     * @throws IllegalArgumentException the request does not fit this kind of model (e.g. weights for an ONNX)
     */
    InferenceBackend open(BackendRequest request) throws IOException;
}
