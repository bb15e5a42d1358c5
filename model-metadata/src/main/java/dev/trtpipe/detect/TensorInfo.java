package dev.trtpipe.detect;

import java.util.Arrays;
import java.util.Objects;

/**
 * A model input or output as a backend reports it. A dimension of -1 is dynamic (a symbolic ONNX
 * dimension, a TensorRT {@code -1}).
 *
 * @param dataType element type in ONNX spelling ({@code float}, {@code float16}, {@code int32}, {@code int64}, …)
 */
public record TensorInfo(String name, long[] shape, String dataType) {

    public TensorInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataType, "dataType");
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public boolean isDynamic() {
        return Arrays.stream(shape).anyMatch(d -> d < 0);
    }

    /** Elements per batch item (dimensions after the first); -1 if any of them is dynamic. */
    public long elementsPerItem() {
        long n = 1;
        for (int i = 1; i < shape.length; i++) {
            if (shape[i] < 0) {
                return -1;
            }
            n *= shape[i];
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorInfo t && name.equals(t.name) && Arrays.equals(shape, t.shape) && dataType.equals(t.dataType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(shape), dataType);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name).append(' ').append(dataType).append('[');
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ",").append(shape[i] < 0 ? "?" : Long.toString(shape[i]));
        }
        return sb.append(']').toString();
    }
}
