package dev.trtpipe.tools.bench;

import java.util.Locale;

/**
 * How long one benchmark stage runs: a number of images, or a wall-clock time. Exactly one of the two
 * is positive.
 */
public record Budget(long iterations, double seconds) {

    public Budget {
        if ((iterations > 0) == (seconds > 0)) {
            throw new IllegalArgumentException("a budget is a number of iterations or a time, got " + iterations + " and " + seconds + " s");
        }
    }

    public static Budget ofIterations(long n) {
        return new Budget(n, 0);
    }

    public static Budget ofSeconds(double s) {
        return new Budget(0, s);
    }

    boolean counted() {
        return iterations > 0;
    }

    /** Whether a stage that has done {@code done} images in {@code elapsedNanos} should stop. */
    boolean spent(long done, long elapsedNanos) {
        return counted() ? done >= iterations : elapsedNanos >= seconds * 1e9;
    }

    /** The warm-up before measuring: a fifth of the budget (JIT, caches, GPU clocks), at least 5 images. */
    Budget warmup() {
        return counted() ? ofIterations(Math.max(5, iterations / 5)) : ofSeconds(seconds / 5);
    }

    String describe() {
        return counted() ? iterations + " images" : String.format(Locale.ROOT, "%.1f s", seconds);
    }
}
