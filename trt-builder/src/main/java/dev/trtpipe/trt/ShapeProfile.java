package dev.trtpipe.trt;

import java.util.Arrays;
import java.util.Objects;

/**
 * One input's optimization-profile shapes, tao-converter's {@code -p name,min,opt,max} with each
 * shape written {@code 1x3x544x960}.
 */
public record ShapeProfile(String inputName, long[] min, long[] opt, long[] max) {

    public ShapeProfile {
        Objects.requireNonNull(inputName, "inputName");
        min = min.clone();
        opt = opt.clone();
        max = max.clone();
        if (min.length != opt.length || opt.length != max.length) {
            throw new IllegalArgumentException("profile for '" + inputName + "': min, opt and max need the same rank");
        }
        for (int i = 0; i < min.length; i++) {
            if (min[i] < 1 || min[i] > opt[i] || opt[i] > max[i]) {
                throw new IllegalArgumentException("profile for '" + inputName + "': need 1 <= min <= opt <= max in every dimension, got "
                        + format(min) + " / " + format(opt) + " / " + format(max));
            }
        }
    }

    /** Parses {@code name,1x3x544x960,4x3x544x960,16x3x544x960}. */
    public static ShapeProfile parse(String spec) {
        String[] parts = spec.split(",");
        if (parts.length != 4) {
            throw new IllegalArgumentException("profile '" + spec + "' must be name,min,opt,max with shapes like 1x3x544x960");
        }
        return new ShapeProfile(parts[0].trim(), dims(parts[1], spec), dims(parts[2], spec), dims(parts[3], spec));
    }

    private static long[] dims(String shape, String spec) {
        try {
            return Arrays.stream(shape.trim().split("x")).mapToLong(Long::parseLong).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("profile '" + spec + "': '" + shape + "' is not a shape like 1x3x544x960");
        }
    }

    public static String format(long[] dims) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            sb.append(i == 0 ? "" : "x").append(dims[i]);
        }
        return sb.toString();
    }

    @Override
    public long[] min() {
        return min.clone();
    }

    @Override
    public long[] opt() {
        return opt.clone();
    }

    @Override
    public long[] max() {
        return max.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ShapeProfile p && inputName.equals(p.inputName) && Arrays.equals(min, p.min)
                && Arrays.equals(opt, p.opt) && Arrays.equals(max, p.max);
    }

    @Override
    public int hashCode() {
        return Objects.hash(inputName, Arrays.hashCode(min), Arrays.hashCode(opt), Arrays.hashCode(max));
    }

    @Override
    public String toString() {
        return inputName + "," + format(min) + "," + format(opt) + "," + format(max);
    }
}
