package dev.trtpipe.detect.backend;

import dev.trtpipe.detect.InferenceBackend;
import java.io.IOException;
import java.util.List;

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

    /**
     * Opens {@code count} instances of the model that may run at the same time (what a
     * {@link dev.trtpipe.detect.SharedBackend} shares). By default each is opened on its own; a provider
     * whose instances can share state, such as a TensorRT engine's weights, overrides this.
     *
     * @throws IOException as {@link #open}; no instance is left open
     */
    default List<InferenceBackend> openInstances(BackendRequest request, int count) throws IOException {
        return Backends.openEach(count, openSoFar -> open(request));
    }
}
