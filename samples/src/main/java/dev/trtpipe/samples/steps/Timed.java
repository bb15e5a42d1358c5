package dev.trtpipe.samples.steps;

/** A result and the wall time it took. */
public record Timed<T>(T value, double seconds) {

    /** Work that may fail with any exception (the callers report them as one-line messages). */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws Exception;
    }

    public static <T> Timed<T> of(Work<T> work) throws Exception {
        long start = System.nanoTime();
        T value = work.run();
        return new Timed<>(value, (System.nanoTime() - start) / 1e9);
    }
}
