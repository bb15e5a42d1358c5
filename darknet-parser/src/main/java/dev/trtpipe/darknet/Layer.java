package dev.trtpipe.darknet;

import java.util.List;
import java.util.Optional;

/**
 * One darknet layer, fully resolved: one immutable record per supported cfg section, each knowing its
 * index, the cfg line it came from, its input and output shape and the layout of its weights record.
 * Not sealed: the section types are those registered in {@code SectionKinds} (a test checks that onnx-writer
 * has a translator for each), so a new section is added in one place rather than in a permits list too.
 */
public interface Layer {

    LayerInfo info();

    /** Darknet's layer type name, as in its logs and in {@code ref/} manifests ({@code convolutional}, …). */
    String type();

    /** The inference-relevant options, for tables ({@code filters=16 size=3 stride=1 …}). */
    String parameters();

    default int index() {
        return info().index();
    }

    /** Line of the section header in the cfg. */
    default int line() {
        return info().line();
    }

    default Shape input() {
        return info().input();
    }

    default Shape output() {
        return info().output();
    }

    /** The activation this layer applies to its output, for summaries ({@code inspect-darknet}); empty if none. */
    default Optional<Activation> outputActivation() {
        return Optional.empty();
    }

    /** The arrays of this layer's record in a {@code .weights} file, in file order; empty if it has none. */
    default List<WeightSegment> weightLayout() {
        return List.of();
    }

    /** Total float32 values of this layer's weights record. */
    default long weightCount() {
        return weightLayout().stream().mapToLong(WeightSegment::count).sum();
    }

    /**
     * The name of this layer's output tensor: {@code NNN_type}, index zero-padded to 3 digits, as the
     * TensorRT yolov3 sample names its outputs ({@code 082_convolutional}).
     */
    default String tensorName() {
        return String.format("%03d_%s", index(), type());
    }
}
