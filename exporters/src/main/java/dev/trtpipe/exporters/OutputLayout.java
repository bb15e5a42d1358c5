package dev.trtpipe.exporters;

import dev.trtpipe.darknet.DetectionSpec;
import dev.trtpipe.detect.TensorInfo;
import java.util.List;
import java.util.Optional;

/** How a detector's outputs are laid out, which decides the bounding-box parser a runtime needs. */
public enum OutputLayout {
    /** The raw darknet head tensors {@code (N, A·(5+K), H, W)} named in the model's {@link DetectionSpec}. */
    RAW_YOLO_HEADS,
    /**
     * TensorRT {@code BatchedNMS_TRT} outputs: count {@code int32 (N,1)}, boxes {@code (N,k,4)}, scores
     * {@code (N,k)}, classes {@code float (N,k)}.
     */
    BATCHED_NMS,
    /** TensorRT {@code EfficientNMS_TRT} outputs: as {@link #BATCHED_NMS} but classes are {@code int32}. */
    EFFICIENT_NMS;

    /** The layout of {@code model}'s outputs, or empty when it is none of the known ones. */
    public static Optional<OutputLayout> of(ModelDescription model) {
        if (model.detection().isPresent() && model.detection().get().heads().stream()
                .allMatch(h -> model.output(h.outputName()).isPresent())) {
            return Optional.of(RAW_YOLO_HEADS);
        }
        List<TensorInfo> out = model.outputs();
        if (out.size() == 4 && isCount(out.get(0)) && isBoxes(out.get(1))
                && isPerBox(out.get(2), "float") && (isPerBox(out.get(3), "float") || isPerBox(out.get(3), "int32"))) {
            return Optional.of(out.get(3).dataType().equals("int32") ? EFFICIENT_NMS : BATCHED_NMS);
        }
        return Optional.empty();
    }

    private static boolean isCount(TensorInfo t) {
        return t.dataType().equals("int32") && t.shape().length == 2 && t.shape()[1] == 1;
    }

    private static boolean isBoxes(TensorInfo t) {
        return t.dataType().equals("float") && t.shape().length == 3 && t.shape()[2] == 4;
    }

    private static boolean isPerBox(TensorInfo t, String type) {
        return t.dataType().equals(type) && t.shape().length == 2;
    }
}
