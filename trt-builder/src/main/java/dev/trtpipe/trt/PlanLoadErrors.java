package dev.trtpipe.trt;

import java.util.List;
import java.util.Locale;

/**
 * Explains why TensorRT refused to deserialize a plan, from what it logged: a file that is not a plan
 * (or is damaged), a plan from another TensorRT version, or one built for another GPU.
 */
final class PlanLoadErrors {

    private PlanLoadErrors() {
    }

    static String describe(String plan, String runtimeVersion, List<String> loggedErrors) {
        String said = loggedErrors.isEmpty() ? "no error was logged" : String.join(" | ", loggedErrors).replace('\n', ' ');
        String lower = said.toLowerCase(Locale.ROOT);
        String cause;
        if (lower.contains("expecting library version") || lower.contains("not compatible with this version")) {
            cause = "it was built by another TensorRT version (engines only load in the TensorRT version that built them)";
        } else if (lower.contains("magic") || lower.contains("corrupt") || lower.contains("size")) {
            // random bytes and plans from a much older TensorRT both fail the header check
            cause = "the file is not a TensorRT engine, is damaged, or comes from a much older TensorRT";
        } else if (lower.contains("device") || lower.contains("compute capability") || lower.contains("platform")) {
            cause = "it was built for another GPU model";
        } else {
            cause = "the engine is incompatible with this TensorRT or GPU, or damaged";
        }
        return plan + ": TensorRT " + runtimeVersion + " cannot load this engine: " + cause
                + "; rebuild it on this machine with trtpipe onnx2trt (TensorRT said: " + said + ")";
    }
}
