package dev.trtpipe.detect.onnxrt;

import dev.trtpipe.detect.InferenceBackend;
import dev.trtpipe.detect.backend.BackendProvider;
import dev.trtpipe.detect.backend.BackendRequest;
import dev.trtpipe.detect.backend.WeightsNotNeededException;
import java.io.IOException;

/** {@code .onnx} files, run by ONNX Runtime on the CPU. */
public final class OnnxRuntimeProvider implements BackendProvider {

    @Override
    public String name() {
        return "onnxruntime-cpu (.onnx)";
    }

    @Override
    public boolean accepts(BackendRequest request) {
        return request.extension().equals("onnx");
    }

    @Override
    public InferenceBackend open(BackendRequest request) throws IOException {
        if (request.weights().isPresent()) {
            throw new WeightsNotNeededException(request.model(), "an ONNX model");
        }
        return OnnxRuntimeBackend.open(request.model(), request.threads());
    }
}
