package dev.trtpipe.api;

import java.util.List;
import java.util.Objects;

/**
 * A model input or output: its name and dimensions.
 *
 * @param name       the tensor's name in the model
 * @param dimensions its shape, outermost first; -1 for a dimension fixed only at run time (a dynamic batch)
 */
public record TensorDescription(String name, List<Long> dimensions) {

    public TensorDescription {
        Objects.requireNonNull(name, "name");
        dimensions = List.copyOf(dimensions);
    }

    static TensorDescription of(String name, long[] dims) {
        return new TensorDescription(name, java.util.Arrays.stream(dims).boxed().toList());
    }

    @Override
    public String toString() {
        return name + " " + dimensions.stream().map(d -> d < 0 ? "N" : String.valueOf(d))
                .collect(java.util.stream.Collectors.joining("x"));
    }
}
