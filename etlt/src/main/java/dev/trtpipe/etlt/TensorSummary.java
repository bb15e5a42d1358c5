package dev.trtpipe.etlt;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A model input or output as the model declares it.
 *
 * @param dtype element type name ({@code FLOAT}, {@code INT64}, …); empty where the format does not say
 *              (UFF outputs)
 * @param shape dimensions; empty where unknown or scalar
 */
public record TensorSummary(String name, String dtype, List<Dim> shape) {

    public TensorSummary {
        shape = List.copyOf(shape);
    }

    /** A tensor known only by name. */
    public static TensorSummary named(String name) {
        return new TensorSummary(name, "", List.of());
    }

    public boolean hasType() {
        return !dtype.isEmpty();
    }

    /** {@code [N,1,80,80]}. */
    public String shapeText() {
        return shape.stream().map(Dim::toString).collect(Collectors.joining(",", "[", "]"));
    }

    /** True when only the first (batch) dimension is dynamic. */
    public boolean hasDynamicBatchOnly() {
        return !shape.isEmpty() && !shape.get(0).isStatic() && shape.stream().skip(1).allMatch(Dim::isStatic);
    }

    public boolean isFullyStatic() {
        return shape.stream().allMatch(Dim::isStatic);
    }
}
