package dev.trtpipe.trt;

import dev.trtpipe.detect.InferenceBackend;
import dev.trtpipe.detect.backend.BackendProvider;
import dev.trtpipe.detect.backend.BackendRequest;
import dev.trtpipe.detect.backend.Backends;
import dev.trtpipe.detect.backend.WeightsNotNeededException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * TensorRT engines built by trtpipe ({@code .plan}, {@code .engine}), run on the GPU by {@link Engine}: the
 * route {@code trtpipe detect --model x.plan} takes. The darknet {@code DetectionSpec} comes from the ONNX
 * metadata the engine's sidecar copied, so an engine without its sidecar is refused before TensorRT loads.
 *
 * <p>Registered in {@code META-INF/services}. Choosing a provider only compares file extensions, so
 * running an {@code .onnx} model never loads TensorRT's classes.
 */
public final class TensorRtProvider implements BackendProvider {

    private static final Set<String> EXTENSIONS = Set.of("plan", "engine");

    @Override
    public String name() {
        return "tensorrt (.plan, .engine)";
    }

    @Override
    public boolean accepts(BackendRequest request) {
        return EXTENSIONS.contains(request.extension());
    }

    /**
     * @throws TrtUnavailableException without TensorRT or a GPU
     * @throws IllegalArgumentException for darknet weights, a missing sidecar, or a plan another TensorRT built
     */
    @Override
    public InferenceBackend open(BackendRequest request) throws IOException {
        Path plan = request.model();
        if (request.weights().isPresent()) {
            throw new WeightsNotNeededException(plan, "a TensorRT engine");
        }
        if (EngineMetadata.readFor(plan).isEmpty()) {
            throw new IllegalArgumentException(plan + ": its sidecar " + EngineMetadata.sidecarOf(plan).getFileName()
                    + " is missing, so the model's input size, anchors and NMS settings are unknown; rebuild the engine"
                    + " with trtpipe onnx2trt (it writes the sidecar beside the engine) or run the .onnx instead");
        }
        return Engine.load(plan);
    }

    /** One deserialized engine and {@code count} execution contexts over it: the weights are on the GPU once. */
    @Override
    public List<InferenceBackend> openInstances(BackendRequest request, int count) throws IOException {
        return Backends.openEach(count, openSoFar -> openSoFar.isEmpty() ? open(request) : ((Engine) openSoFar.get(0)).newInstance());
    }
}
