package dev.trtpipe.detect.backend;

import java.nio.file.Path;

/**
 * A weights file was given with a model that carries its own weights (an ONNX model, a TensorRT engine). The
 * message states the fact; a command line adds the name of its own option.
 */
public final class WeightsNotNeededException extends IllegalArgumentException {

    private final Path model;
    private final String modelKind;

    /**
     * @param model     the model file
     * @param modelKind what it is, with its article: "an ONNX model", "a TensorRT engine"
     */
    public WeightsNotNeededException(Path model, String modelKind) {
        super(model + ": " + modelKind + " carries its weights; a separate weights file is only for a darknet .cfg");
        this.model = model;
        this.modelKind = modelKind;
    }

    public Path model() {
        return model;
    }

    public String modelKind() {
        return modelKind;
    }
}
