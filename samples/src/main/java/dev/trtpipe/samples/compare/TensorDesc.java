package dev.trtpipe.samples.compare;

import dev.trtpipe.detect.TensorInfo;
import dev.trtpipe.etlt.TensorSummary;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A tensor as a report shows it: {@code softargmax FLOAT [N,80,2]} (ONNX, symbolic dimensions by name)
 * or {@code softargmax float [-1,80,2]} (a TensorRT engine, -1 for dynamic).
 */
public record TensorDesc(String name, String type, String shape) {

    static TensorDesc of(TensorSummary t) {
        return new TensorDesc(t.name(), t.dtype(), t.shapeText());
    }

    static TensorDesc of(TensorInfo t) {
        return new TensorDesc(t.name(), t.dataType(), Arrays.stream(t.shape()).mapToObj(String::valueOf)
                .collect(Collectors.joining(",", "[", "]")));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %s %s", name, type, shape);
    }
}
