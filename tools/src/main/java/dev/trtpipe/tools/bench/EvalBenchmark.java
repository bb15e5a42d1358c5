package dev.trtpipe.tools.bench;

import dev.trtpipe.eval.CocoEvaluator;
import dev.trtpipe.eval.CocoResult;
import dev.trtpipe.eval.PortedCocoEval;

/**
 * {@code bench-eval}'s engine: COCO scoring alone (no inference) of a generated set of COCO's size, by
 * {@link CocoEvaluator} (best of several runs) and by {@link PortedCocoEval}, the line-by-line port of
 * pycocotools, in the same process.
 */
public final class EvalBenchmark {

    /** The generated set is always the same one, so that runs on different machines compare. */
    public static final long SEED = 20261203L;

    private EvalBenchmark() {
    }

    /** A scorer's time and what it computed. */
    public record Timing(double seconds, CocoResult result) {
    }

    public static SyntheticSet generate(int images, int detectionsPerImage, int classes) {
        return SyntheticSet.generate(images, detectionsPerImage, classes, SEED);
    }

    /** {@link CocoEvaluator}, the best of {@code repeat} runs (the first ones warm the JIT up). */
    public static Timing fastScorer(SyntheticSet set, int repeat) {
        double best = Double.MAX_VALUE;
        CocoResult result = null;
        for (int r = 0; r < repeat; r++) {
            long start = System.nanoTime();
            result = CocoEvaluator.evaluate(set.dataset(), set.detections());
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        return new Timing(best, result);
    }

    /** {@link PortedCocoEval}, once: it is slow on purpose. */
    public static Timing portedScorer(SyntheticSet set) {
        long start = System.nanoTime();
        CocoResult result = PortedCocoEval.evaluate(set.dataset(), set.detections());
        return new Timing((System.nanoTime() - start) / 1e9, result);
    }
}
