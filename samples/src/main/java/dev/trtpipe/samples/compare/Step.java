package dev.trtpipe.samples.compare;

import dev.trtpipe.samples.steps.Artifact;
import java.util.List;

/**
 * One stage of one path, as a user would run it.
 *
 * @param path      {@code raw} or {@code TAO}
 * @param stage     e.g. {@code model -> ONNX}, {@code engine build}
 * @param command   the command line the user types for this stage (one of trtpipe's, or the API call)
 * @param mustKnow  what the user has to know to type it (keys, shapes, output names, plugins)
 * @param seconds   wall time of the stage here
 * @param artifacts the files it produced, with sizes and SHA-256
 * @param note      what happened beyond the command (skipped for lack of TensorRT, …); empty if nothing
 */
public record Step(String path, String stage, String command, List<String> mustKnow, double seconds,
                   List<Artifact> artifacts, String note) {

    public Step {
        mustKnow = List.copyOf(mustKnow);
        artifacts = List.copyOf(artifacts);
    }
}
