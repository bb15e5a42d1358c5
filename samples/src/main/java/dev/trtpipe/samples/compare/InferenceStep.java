package dev.trtpipe.samples.compare;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The last stage of both paths: one inference on the shared input. */
final class InferenceStep {

    private InferenceStep() {
    }

    /**
     * @param typed the engine (or, without TensorRT, the ONNX model) the user would run
     * @param image the image, for detection models
     */
    static Step step(PathName path, Path typed, Optional<Path> image, InputTensor input, double seconds, String note) {
        boolean detect = image.isPresent();
        String command = detect
                ? ShellCommand.trtpipe("detect").add("--model", typed).add("--image", image.get()).toString()
                : typed.toString().endsWith(".onnx")
                ? "(Java) OrtSession.run(" + input.name() + ") on " + typed + "; no trtpipe command runs non-detection models"
                : "(Java) Engine.load(" + typed + ").infer(input, shape); no trtpipe command runs non-detection models";
        List<String> mustKnow = detect
                ? List.of("nothing else: input size, letterbox, anchors and NMS come from the model's metadata")
                : List.of("the input: " + input.signature() + " and how to fill it");
        return new Step(path.label(), Stage.INFERENCE.label(), command, mustKnow, seconds, List.of(), note);
    }
}
