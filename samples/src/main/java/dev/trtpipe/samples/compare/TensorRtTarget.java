package dev.trtpipe.samples.compare;

import dev.trtpipe.trt.BuildOptions;
import dev.trtpipe.trt.BuildReport;
import dev.trtpipe.trt.Engine;
import dev.trtpipe.trt.EngineBuilder;
import java.nio.file.Path;

/** Engines built with trtpipe's builder and run with its engine runtime. */
record TensorRtTarget() implements ExecutionTarget {

    @Override
    public String describe() {
        return "tensorrt";
    }

    @Override
    public String runtime() {
        return "TensorRT engine";
    }

    @Override
    public boolean buildsEngines() {
        return true;
    }

    @Override
    public BuildReport build(Path onnx, Path plan, BuildOptions options) throws Exception {
        return EngineBuilder.create().build(onnx, plan, options);
    }

    @Override
    public Execution run(Path plan, InputTensor input) throws Exception {
        try (Engine engine = Engine.load(plan)) {
            return new Execution(engine.infer(input.data(), input.shape()),
                    engine.inputs().stream().map(TensorDesc::of).toList(), engine.outputs().stream().map(TensorDesc::of).toList());
        }
    }
}
