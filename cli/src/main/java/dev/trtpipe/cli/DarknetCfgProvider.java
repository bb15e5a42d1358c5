package dev.trtpipe.cli;

import dev.trtpipe.darknet.DarknetModel;
import dev.trtpipe.darknet.DarknetWeights;
import dev.trtpipe.detect.InferenceBackend;
import dev.trtpipe.detect.backend.BackendProvider;
import dev.trtpipe.detect.backend.BackendRequest;
import dev.trtpipe.detect.onnxrt.OnnxRuntimeBackend;
import dev.trtpipe.onnx.ConversionOptions;
import dev.trtpipe.onnx.DarknetOnnxConverter;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code trtpipe detect --model x.cfg --weights x.weights}: the darknet model converted in memory (raw
 * heads, so the Java post-processing stays darknet-exact) and run by ONNX Runtime on the CPU. It lives in
 * the composition root because it joins the converter and the detector, which do not know each other;
 * {@code META-INF/services} registers it with {@link dev.trtpipe.detect.backend.Backends}.
 */
public final class DarknetCfgProvider implements BackendProvider {

    @Override
    public String name() {
        return "darknet .cfg + .weights (converted in memory, onnxruntime-cpu)";
    }

    @Override
    public boolean accepts(BackendRequest request) {
        return request.extension().equals("cfg");
    }

    @Override
    public InferenceBackend open(BackendRequest request) throws IOException {
        Path cfg = request.model();
        Path weightsFile = request.weights().orElseThrow(() -> new IllegalArgumentException(cfg
                + ": a darknet .cfg needs its weights; pass --weights FILE.weights"));
        DarknetModel model = DarknetModel.parse(cfg);
        if (model.detectionSpec().isEmpty()) {
            throw new IllegalArgumentException(cfg + ": has no [yolo] or [region] layer, so there is nothing to detect with;"
                    + " pass a detector's cfg");
        }
        DarknetWeights weights = DarknetWeights.load(weightsFile, model, false); // read while translating
        byte[] onnx = DarknetOnnxConverter.convert(model, weights, ConversionOptions.defaults()).toModelProto().toByteArray();
        return OnnxRuntimeBackend.fromBytes(onnx, cfg.toString(), request.threads());
    }
}
