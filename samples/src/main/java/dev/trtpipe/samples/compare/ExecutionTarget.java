package dev.trtpipe.samples.compare;

import dev.trtpipe.trt.BuildOptions;
import dev.trtpipe.trt.BuildReport;
import dev.trtpipe.trt.TrtAvailability;
import java.nio.file.Path;

/**
 * Where both paths run: TensorRT engines on the GPU, or — on a host without TensorRT — ONNX Runtime on
 * the CPU running the ONNX models the engines would have been built from.
 */
sealed interface ExecutionTarget permits TensorRtTarget, OnnxRuntimeTarget {

    static ExecutionTarget forThisHost() {
        TrtAvailability.Status trt = TrtAvailability.probe();
        return trt.available() ? new TensorRtTarget() : new OnnxRuntimeTarget(trt.message());
    }

    /** {@code tensorrt} or {@code onnxruntime-cpu}, with the reason for the fallback. */
    String describe();

    /** What runs the inference, for reports: {@code TensorRT engine} or {@code ONNX Runtime (CPU)}. */
    String runtime();

    boolean buildsEngines();

    /** Builds an engine; only for targets that {@link #buildsEngines()}. */
    BuildReport build(Path onnx, Path plan, BuildOptions options) throws Exception;

    /** Runs {@code model} — an engine if this target builds them, else the ONNX model — on {@code input}. */
    Execution run(Path model, InputTensor input) throws Exception;
}
