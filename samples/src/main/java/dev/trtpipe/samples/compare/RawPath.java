package dev.trtpipe.samples.compare;

import dev.trtpipe.samples.steps.Artifact;
import dev.trtpipe.samples.steps.Timed;
import dev.trtpipe.trt.BuildReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The raw path after the ONNX exists: {@code onnx2trt}, then inference on the engine. */
final class RawPath {

    private final ExecutionTarget target;
    private final EngineSettings engine;

    RawPath(ExecutionTarget target, EngineSettings engine) {
        this.target = target;
        this.engine = engine;
    }

    PathRun run(Path onnx, ModelFacts model, InputTensor input, Optional<Path> image) throws Exception {
        Path plan = onnx.resolveSibling("model.plan");
        List<String> profiles = model.profiles();
        String command = ShellCommand.trtpipe("onnx2trt").add("-m", onnx).add("-e", plan)
                .addAll(engine.onnx2trtFlags(profiles)).toString();
        Step build;
        if (target.buildsEngines()) {
            Timed<BuildReport> built = Timed.of(() -> target.build(onnx, plan, engine.onnx2trtOptions(profiles)));
            build = new Step(PathName.RAW.label(), Stage.BUILD.label(), command, model.buildKnowledge(false), built.seconds(),
                    List.of(Artifact.of("engine", plan), Artifact.of("engine sidecar", built.value().sidecar())),
                    String.join("; ", built.value().warnings()));
        } else {
            build = new Step(PathName.RAW.label(), Stage.BUILD.label(), command, model.buildKnowledge(false), 0, List.of(),
                    "not built: TensorRT is not usable here");
        }
        Path runnable = target.buildsEngines() ? plan : onnx;
        Timed<Execution> ran = Timed.of(() -> target.run(runnable, input));
        Step inference = InferenceStep.step(PathName.RAW, runnable, image, input, ran.seconds(),
                target.buildsEngines() ? "" : "ran the ONNX model on ONNX Runtime (CPU)");
        return new PathRun(List.of(build, inference), target.runtime(), ran.value(), Optional.empty());
    }
}
