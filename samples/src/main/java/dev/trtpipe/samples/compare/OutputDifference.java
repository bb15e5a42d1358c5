package dev.trtpipe.samples.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How far one output of the TAO path is from the same output of the raw path.
 *
 * @param shape           the output's shape as the model declares it
 * @param values          the number of values compared
 * @param differingValues values whose bits differ
 * @param maxAbsDifference the largest |raw − TAO| ({@code Infinity} where exactly one of the two is NaN)
 */
public record OutputDifference(String output, String shape, long values, long differingValues, double maxAbsDifference) {

    /**
     * Compares every output of {@code raw} with the same output of {@code tao}, in the model's output order.
     *
     * @throws IllegalStateException when an output is missing or has another length (the paths ran different models)
     */
    static List<OutputDifference> between(Map<String, float[]> raw, Map<String, float[]> tao, List<TensorDesc> declared) {
        List<OutputDifference> result = new ArrayList<>();
        for (TensorDesc output : declared) {
            float[] a = raw.get(output.name());
            float[] b = tao.get(output.name());
            if (a == null || b == null || a.length != b.length) {
                throw new IllegalStateException("output " + output.name() + ": the raw path gave " + (a == null ? "none" : a.length + " values")
                        + ", the TAO path " + (b == null ? "none" : b.length + " values"));
            }
            long differing = 0;
            double max = 0;
            for (int i = 0; i < a.length; i++) {
                if (Float.floatToIntBits(a[i]) != Float.floatToIntBits(b[i])) {
                    differing++;
                    double d = Math.abs((double) a[i] - b[i]);
                    max = Math.max(max, Double.isNaN(d) ? Double.POSITIVE_INFINITY : d);
                }
            }
            result.add(new OutputDifference(output.name(), output.shape(), a.length, differing, max));
        }
        return result;
    }
}
