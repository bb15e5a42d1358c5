package dev.trtpipe.api;

import dev.trtpipe.detect.InferenceBackend;
import dev.trtpipe.detect.backend.BackendProvider;
import dev.trtpipe.detect.backend.BackendRequest;
import dev.trtpipe.detect.onnxrt.OnnxRuntimeBackend;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;

/**
 * Runs a darknet {@code .cfg} with its weights: converted in memory with raw heads (so the Java decoding
 * stays darknet-exact) and run by ONNX Runtime on the CPU. Registered in {@code META-INF/services}, so
 * {@link dev.trtpipe.detect.backend.Backends} opens {@code .cfg} files wherever this module is on the class path
 * (the command line's {@code detect}, {@code eval}, {@code bench-detect} and {@code --video} included).
 */
public final class DarknetCfgBackendProvider implements BackendProvider {

    /** Creates the provider (the service loader calls this). */
    public DarknetCfgBackendProvider() {
    }

    @Override
    public String name() {
        return "darknet .cfg + .weights (converted in memory, onnxruntime-cpu)";
    }

    @Override
    public boolean accepts(BackendRequest request) {
        return request.extension().equals("cfg");
    }

    /**
     * Converts and opens the model.
     *
     * @throws MissingWeightsException no weights given
     * @throws IllegalArgumentException a cfg without a {@code [yolo]} or {@code [region]} layer
     */
    @Override
    public InferenceBackend open(BackendRequest request) throws IOException {
        Path cfg = request.model();
        Path weights = request.weights().orElseThrow(() -> new MissingWeightsException(cfg));
        var converted = DarknetConversion.convert(cfg, weights, ConversionOptions.defaults(), new ArrayList<>());
        if (converted.detectionSpec().isEmpty()) {
            throw new IllegalArgumentException(cfg + ": has no [yolo] or [region] layer, so there is nothing to detect with");
        }
        return OnnxRuntimeBackend.fromBytes(converted.toModelProto().toByteArray(), cfg.toString(), request.threads());
    }
}
