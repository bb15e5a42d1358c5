package dev.trtpipe.trt.check;

import java.util.Map;

/**
 * How far a candidate's outputs are from the reference's, over all outputs together.
 *
 * @param maxAbs     largest absolute difference
 * @param relativeL2 {@code ||candidate - reference|| / ||reference||}
 */
public record ErrorStats(double maxAbs, double relativeL2) {

    public static ErrorStats compare(Map<String, float[]> reference, Map<String, float[]> candidate) {
        double max = 0, diff2 = 0, ref2 = 0;
        for (Map.Entry<String, float[]> e : reference.entrySet()) {
            float[] c = candidate.get(e.getKey());
            float[] r = e.getValue();
            if (c == null || c.length != r.length) {
                throw new IllegalArgumentException("output '" + e.getKey() + "': reference has " + r.length + " values, candidate "
                        + (c == null ? "none" : c.length));
            }
            for (int i = 0; i < r.length; i++) {
                double d = (double) c[i] - r[i];
                max = Math.max(max, Math.abs(d));
                diff2 += d * d;
                ref2 += (double) r[i] * r[i];
            }
        }
        return new ErrorStats(max, ref2 == 0 ? Math.sqrt(diff2) : Math.sqrt(diff2 / ref2));
    }
}
