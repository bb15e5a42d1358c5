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
                ? ShellCommand.trtpipe("detect").add("--model", typed).addAll(input.detectFlags()).add("--image", image.get()).toString()
                : typed.toString().endsWith(".onnx")
                ? "(Java) OrtSession.run(" + input.name() + ") on " + typed + "; no trtpipe command runs non-detection models"
                : "(Java) Engine.load(" + typed + ").infer(input, shape); no trtpipe command runs non-detection models";
        List<String> mustKnow = detect
                ? List.of(input.detectFlags().isEmpty()
                        ? "nothing else: input size, preprocessing and decoding come from the model's metadata"
                        : "the detector's nvinfer config (or embed it once: etlt2onnx, tao-convert or onnx2trt --nvinfer-config)")
                : List.of("the input: " + input.signature() + " and how to fill it");
        return new Step(path.label(), Stage.INFERENCE.label(), command, mustKnow, seconds, List.of(), note);
    }
}
