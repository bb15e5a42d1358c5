package dev.trtpipe.trt.check;

import dev.trtpipe.detect.TensorInfo;
import dev.trtpipe.trt.Engine;
import dev.trtpipe.trt.EngineMetadata;
import dev.trtpipe.onnx.OnnxModelInfo;
import dev.trtpipe.trt.ShapeProfile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A TensorRT engine on the GPU: the candidate of a check. */
public final class TensorRtRunner implements CheckRunner {

    private final Engine engine;

    private TensorRtRunner(Engine engine) {
        this.engine = engine;
    }

    private final List<String> warnings = new ArrayList<>();

    /**
     * @param onnx the model the engine is checked against: a sidecar naming another source ONNX is worth a warning
     * @throws dev.trtpipe.trt.TrtUnavailableException without TensorRT or a GPU
     */
    public static TensorRtRunner load(Path plan, Path onnx) throws IOException {
        TensorRtRunner runner = new TensorRtRunner(Engine.load(plan));
        runner.warnings.addAll(runner.engine.warnings());
        Optional<EngineMetadata> sidecar = runner.engine.sidecar();
        if (sidecar.isPresent() && !sidecar.get().sourceOnnxSha256().equals(OnnxModelInfo.read(onnx).sha256())) {
            runner.warnings.add(plan + " was built from " + sidecar.get().sourceOnnx() + ", whose bytes differ from " + onnx
                    + "; large errors may only mean that the engine is not this model's");
        }
        return runner;
    }

    @Override
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    @Override
    public String name() {
        return "tensorrt";
    }

    @Override
    public List<TensorInfo> inputs() {
        return engine.inputs();
    }

    @Override
    public List<TensorInfo> outputs() {
        return engine.outputs();
    }

    /** Each dynamic input's opt shape in profile 0: the shape the engine was tuned for, so the default to check at. */
    public Map<String, long[]> optShapes() {
        Map<String, long[]> opt = new LinkedHashMap<>();
        for (ShapeProfile p : engine.describe().profiles()) {
            opt.put(p.inputName(), p.opt());
        }
        return opt;
    }

    @Override
    public Map<String, TensorData> run(Map<String, TensorData> inputs) {
        return engine.run(inputs);
    }

    @Override
    public void close() {
        engine.close();
    }
}
