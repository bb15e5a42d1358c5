package dev.trtpipe.samples.compare;

import dev.trtpipe.trt.BuildOptions;
import dev.trtpipe.trt.BuildReport;
import java.util.Map;
import dev.trtpipe.detect.onnxrt.OnnxRuntimeBackend;
import java.nio.file.Path;

/**
 * ONNX Runtime on the CPU, for hosts without TensorRT: no engines, the ONNX each engine would be built
 * from runs instead, so the two paths can still be compared (their ONNX models must then agree exactly).
 *
 * @param tensorRtMissing why TensorRT cannot run here
 */
record OnnxRuntimeTarget(String tensorRtMissing) implements ExecutionTarget {

    @Override
    public String describe() {
        return "onnxruntime-cpu (no engines: " + tensorRtMissing + ")";
    }

    @Override
    public String runtime() {
        return "ONNX Runtime (CPU)";
    }

    @Override
    public boolean buildsEngines() {
        return false;
    }

    @Override
    public BuildReport build(Path onnx, Path plan, BuildOptions options) {
        throw new IllegalStateException("ONNX Runtime builds no engines");
    }

    @Override
    public Execution run(Path onnx, InputTensor input) throws Exception {
        ModelFacts facts = ModelFacts.read(onnx);
        Map<String, float[]> outputs;
        try (OnnxRuntimeBackend backend = OnnxRuntimeBackend.open(onnx)) {
            outputs = backend.infer(input.data(), input.shape());
        }
        return new Execution(outputs,
                facts.summary().inputs().stream().map(TensorDesc::of).toList(),
                facts.summary().outputs().stream().map(TensorDesc::of).toList());
    }
}
