package dev.trtpipe.detect;

/** Wall-clock time of each stage of one detection, in nanoseconds. */
public record StageTimings(long loadNanos, long preprocessNanos, long inferNanos, long postprocessNanos) {

    public long totalNanos() {
        return loadNanos + preprocessNanos + inferNanos + postprocessNanos;
    }

    /** e.g. {@code load 12.3 ms, preprocess 1.1 ms, infer 8.0 ms, postprocess 0.2 ms}. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "load %.1f ms, preprocess %.1f ms, infer %.1f ms, postprocess %.1f ms",
                loadNanos / 1e6, preprocessNanos / 1e6, inferNanos / 1e6, postprocessNanos / 1e6);
    }
}
