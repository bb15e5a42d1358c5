package dev.trtpipe.trt.check;

import dev.trtpipe.detect.TensorInfo;
import dev.trtpipe.trt.Engine;
import dev.trtpipe.trt.ShapeProfile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A TensorRT engine on the GPU: the candidate of a check. */
public final class TensorRtRunner implements CheckRunner {

    private final Engine engine;

    private TensorRtRunner(Engine engine) {
        this.engine = engine;
    }

    /** @throws dev.trtpipe.trt.TrtUnavailableException without TensorRT or a GPU */
    public static TensorRtRunner load(Path plan) throws IOException {
        return new TensorRtRunner(Engine.load(plan));
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
