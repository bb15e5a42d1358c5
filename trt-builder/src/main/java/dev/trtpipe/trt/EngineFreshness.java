package dev.trtpipe.trt;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether an engine still fits this host, from its sidecar alone (before TensorRT reads the plan, whose
 * own refusal is an assertion text): a plan runs only under the TensorRT version that built it, and only
 * on GPUs of the compute capability it was compiled for. Another GPU model of the same compute capability
 * runs it, perhaps slower: that is a warning, not a refusal.
 */
public final class EngineFreshness {

    private EngineFreshness() {
    }

    /** Why {@code built} cannot run on {@code host}, in a few words; empty when it can. */
    public static Optional<String> staleReason(EngineMetadata built, TrtAvailability.Status host) {
        String version = host.tensorRtVersion().orElse("?");
        if (!built.tensorRtVersion().equals(version)) {
            return Optional.of("built by TensorRT " + built.tensorRtVersion() + " on " + built.gpuName() + ", but this host runs TensorRT "
                    + version + "; engines only load in the TensorRT version that built them");
        }
        Optional<String> capability = host.computeCapability();
        if (!built.computeCapability().isEmpty() && capability.isPresent() && !capability.get().equals(built.computeCapability())) {
            return Optional.of("built for compute capability " + built.computeCapability() + " (" + built.gpuName() + "), but this GPU, "
                    + host.gpuName().orElse("?") + ", has compute capability " + capability.get() + "; engines only run on the GPU"
                    + " generation they were built for");
        }
        return Optional.empty();
    }

    /** A note when the engine runs here but was built on another GPU model; empty otherwise. */
    public static Optional<String> warning(Path plan, EngineMetadata built, TrtAvailability.Status host) {
        String gpu = host.gpuName().orElse("?");
        if (built.gpuName().equals(gpu)) {
            return Optional.empty();
        }
        return Optional.of(plan + " was built on " + built.gpuName() + " and runs on " + gpu
                + "; TensorRT may refuse it or run it slower: rebuild it here for best results");
    }

    /**
     * The command that rebuilds {@code plan} as it was built, a printed command line; from the recipe when the sidecar
     * has one.
     */
    public static String rebuildCommand(Path plan, EngineMetadata built) {
        return built.buildRecipe().map(r -> "trtpipe onnx2trt -m " + r.onnx() + " -e " + plan + " " + String.join(" ", r.arguments()))
                .orElse("trtpipe onnx2trt -m " + built.sourceOnnx() + " -e " + plan);
    }
}
