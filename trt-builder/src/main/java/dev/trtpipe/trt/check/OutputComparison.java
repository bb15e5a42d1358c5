package dev.trtpipe.trt.check;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * One output of the candidate (a TensorRT engine) against the reference (ONNX Runtime).
 *
 * @param maxAbs      largest {@code |candidate - reference|}; NaN when either side has a NaN or infinity where the other has not
 * @param relativeL2  {@code ||candidate - reference||₂ / ||reference||₂}; the plain L2 norm of the difference when the reference is all zeros
 * @param mismatches  elements outside the element-wise tolerance (0 when it is not checked)
 * @param problem     why the output failed before any value was compared (shape, missing output); empty otherwise
 */
public record OutputComparison(String name, long[] referenceShape, long[] candidateShape, double maxAbs, double relativeL2,
                               long mismatches, boolean passed, Optional<String> problem) {

    public static OutputComparison compare(String name, TensorData reference, TensorData candidate, Tolerances tolerances) {
        if (!Arrays.equals(reference.shape(), candidate.shape())) {
            return failed(name, reference.shape(), candidate.shape(), "shapes differ: reference " + TensorData.format(reference.shape())
                    + ", candidate " + TensorData.format(candidate.shape()));
        }
        double[] r = reference.toDoubles();
        double[] c = candidate.toDoubles();
        double max = 0, diff2 = 0, ref2 = 0;
        long mismatches = 0;
        boolean nonFinite = false;
        for (int i = 0; i < r.length; i++) {
            if (!Double.isFinite(r[i]) || !Double.isFinite(c[i])) {
                // the same NaN or infinity on both sides agrees; anything else is a mismatch no number describes
                boolean same = Double.compare(r[i], c[i]) == 0;
                nonFinite |= !same;
                mismatches += same || !tolerances.elementWise() ? 0 : 1;
                continue;
            }
            double d = c[i] - r[i];
            max = Math.max(max, Math.abs(d));
            diff2 += d * d;
            ref2 += r[i] * r[i];
            if (tolerances.elementWise() && !tolerances.close(r[i], c[i])) {
                mismatches++;
            }
        }
        double relL2 = nonFinite ? Double.NaN : ref2 == 0 ? Math.sqrt(diff2) : Math.sqrt(diff2 / ref2);
        if (nonFinite) {
            max = Double.NaN;
        }
        boolean passed = !nonFinite && mismatches == 0 && tolerances.maxRelL2().map(bound -> relL2 <= bound).orElse(true);
        return new OutputComparison(name, reference.shape(), candidate.shape(), max, relL2, mismatches, passed, Optional.empty());
    }

    public static OutputComparison failed(String name, long[] referenceShape, long[] candidateShape, String problem) {
        return new OutputComparison(name, referenceShape, candidateShape, Double.NaN, Double.NaN, 0, false, Optional.of(problem));
    }

    /** The verdict cell: {@code ok}, {@code FAIL (rel-L2 2.1e-02 > 1e-03)}, {@code FAIL (shapes differ …)}. */
    public String verdict(Tolerances tolerances) {
        if (passed) {
            return "ok";
        }
        if (problem.isPresent()) {
            return "FAIL (" + problem.get() + ")";
        }
        if (Double.isNaN(maxAbs)) {
            return "FAIL (NaN or infinity on one side only)";
        }
        if (mismatches > 0) {
            return String.format(Locale.ROOT, "FAIL (%d elements outside atol %s + rtol %s)", mismatches,
                    tolerances.atol().orElse(0.0), tolerances.rtol().orElse(0.0));
        }
        return String.format(Locale.ROOT, "FAIL (rel-L2 %.2e > %.0e)", relativeL2, tolerances.maxRelL2().orElse(0.0));
    }

    @Override
    public long[] referenceShape() {
        return referenceShape.clone();
    }

    @Override
    public long[] candidateShape() {
        return candidateShape.clone();
    }
}
