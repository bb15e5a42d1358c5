package dev.trtpipe.onnx;

/**
 * A step that edits a converted graph before it is written, e.g. an in-graph decode/NMS stage appended
 * after the raw heads ({@link ConvertedModel#heads()}, {@link ConvertedModel#detectionSpec()}); it may
 * add nodes and replace graph outputs through {@link ConvertedModel#graph()}.
 */
@FunctionalInterface
public interface GraphPass {

    void apply(ConvertedModel model);

    /** This pass, then {@code next}. */
    default GraphPass andThen(GraphPass next) {
        return model -> {
            apply(model);
            next.apply(model);
        };
    }
}
