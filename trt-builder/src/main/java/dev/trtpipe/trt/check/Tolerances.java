package dev.trtpipe.trt.check;

import java.util.Optional;

/**
 * When an output passes. Element-wise {@code |candidate - reference| <= atol + rtol * |reference|}
 * (numpy's {@code isclose}, polygraphy's rule) when either bound is given, and the whole output's
 * relative L2 error at most {@code maxRelL2}.
 *
 * @param atol     absolute tolerance; empty with {@code rtol} empty: no element-wise check
 * @param rtol     relative tolerance
 * @param maxRelL2 bound on {@code ||c - r|| / ||r||}; empty: not checked
 */
public record Tolerances(Optional<Double> atol, Optional<Double> rtol, Optional<Double> maxRelL2) {

    /** The project's fp32 target against ONNX Runtime ({@code docs/tensorrt.md}): relative L2 at most 1e-3. */
    public static final double DEFAULT_MAX_REL_L2 = 1e-3;

    public Tolerances {
        for (Optional<Double> v : java.util.List.of(atol, rtol, maxRelL2)) {
            if (v.isPresent() && !(v.get() >= 0)) {
                throw new IllegalArgumentException("tolerances must be non-negative numbers, got " + v.get());
            }
        }
    }

    public static Tolerances defaults() {
        return new Tolerances(Optional.empty(), Optional.empty(), Optional.of(DEFAULT_MAX_REL_L2));
    }

    boolean elementWise() {
        return atol.isPresent() || rtol.isPresent();
    }

    boolean close(double reference, double candidate) {
        return Math.abs(candidate - reference) <= atol.orElse(0.0) + rtol.orElse(0.0) * Math.abs(reference);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        atol.ifPresent(v -> sb.append("atol ").append(v).append(' '));
        rtol.ifPresent(v -> sb.append("rtol ").append(v).append(' '));
        maxRelL2.ifPresent(v -> sb.append("rel-L2 <= ").append(v));
        return sb.toString().strip();
    }
}
