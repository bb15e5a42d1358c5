package dev.trtpipe.etlt;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The tao-converter flags a model needs, read from the model itself: {@code -d -i -o} for UFF, a ready
 * {@code -p} line for each dynamic ONNX input. Used by error messages and by {@code inspect-etlt}.
 */
public final class TaoConverterHints {

    private TaoConverterHints() {
    }

    /** {@code -d 3,480,640 -i nchw -o a,b} for a UFF model (empty when it declares no input). */
    public static Optional<String> uffFlags(ModelSummary model) {
        if (model.inputs().isEmpty()) {
            return Optional.empty();
        }
        List<Dim> shape = model.inputs().get(0).shape();
        List<Dim> chw = shape.isEmpty() ? shape : shape.subList(1, shape.size());
        // TAO's UFF exporters declare the Input node in the order tao-converter's -d expects
        String order = chw.size() == 1 ? "nc" : "nchw";
        String outputs = model.outputs().stream().map(TensorSummary::name).collect(Collectors.joining(","));
        return Optional.of("-d " + chw.stream().map(Dim::toString).collect(Collectors.joining(",")) + " -i " + order
                + (outputs.isEmpty() ? "" : " -o " + outputs));
    }

    /**
     * A ready {@code -p} value for {@code input}: batch 1 / max / max, other dynamic dimensions from
     * {@code chwHint} (tao-converter's {@code -d}) when given, else left as {@code <name>} to fill in.
     */
    public static String profile(TensorSummary input, int maxBatch, Optional<List<Long>> chwHint) {
        List<Dim> shape = input.shape();
        StringBuilder min = new StringBuilder();
        StringBuilder max = new StringBuilder();
        for (int i = 0; i < shape.size(); i++) {
            String sep = i == 0 ? "" : "x";
            Dim d = shape.get(i);
            boolean batch = i == 0 && !d.isStatic();
            min.append(sep).append(batch ? "1" : size(d, i, shape.size(), chwHint));
            max.append(sep).append(batch ? Integer.toString(maxBatch) : size(d, i, shape.size(), chwHint));
        }
        return input.name() + "," + min + "," + max + "," + max;
    }

    private static String size(Dim d, int index, int rank, Optional<List<Long>> chwHint) {
        if (d.isStatic()) {
            return d.toString();
        }
        if (index > 0 && chwHint.isPresent() && chwHint.get().size() == rank - 1) {
            return chwHint.get().get(index - 1).toString();
        }
        return "<" + d + ">";
    }
}
