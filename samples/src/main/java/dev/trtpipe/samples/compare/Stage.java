package dev.trtpipe.samples.compare;

/** The stages of both paths, in the order a user goes through them. */
enum Stage {
    TO_ONNX("model -> ONNX"),
    TO_ETLT("ONNX -> .etlt"),
    BUILD("engine build"),
    INFERENCE("inference");

    private final String label;

    Stage(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
