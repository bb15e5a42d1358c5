package dev.trtpipe.tools.bench;

import java.util.Locale;
import java.util.Optional;

/**
 * What {@code bench-detect} measured; ratios compare median rounds. The baseline is the engine-only loop
 * when the model is a TensorRT engine, else the backend-only loop; the target (issue 4) is pooled
 * detection at 90 % of the engine-only throughput.
 *
 * @param budget     per stage and round
 * @param engineOnly present only for a TensorRT engine
 * @param graphOnly  the engine-only loop as {@code infer} runs it, a CUDA graph launch + sync; present only
 *                   for an engine TensorRT could capture. Reported beside the target's baseline, so that a
 *                   faster launch cannot pass for less overhead around it
 */
public record DetectBenchResult(Subject subject, int threads, int instances, Budget budget, int rounds,
                         StageRuns backendOnly, Optional<StageRuns> engineOnly, Optional<StageRuns> graphOnly,
                         StageRuns singleThread, StageRuns pooled) {

    static final double TARGET = 0.90;

    /**
     * The model and the image it ran on.
     *
     * @param detections what the model finds on the image (a check that the benchmark did real work)
     */
    record Subject(String model, String backend, int inputWidth, int inputHeight,
                   String image, int imageWidth, int imageHeight, int detections) {
    }

    Throughput baseline() {
        return engineOnly.orElse(backendOnly).median();
    }

    String baselineName() {
        return engineOnly.isPresent() ? "engine_only" : "backend_only";
    }

    double pooledRatio() {
        return pooled.median().relativeTo(baseline());
    }

    double singleThreadRatio() {
        return singleThread.median().relativeTo(baseline());
    }

    /** Only an engine-only baseline can meet the target; against ONNX Runtime the ratio is informative only. */
    boolean meetsTarget() {
        return engineOnly.isPresent() && pooledRatio() >= TARGET;
    }

    String verdict() {
        if (engineOnly.isEmpty()) {
            return String.format(Locale.ROOT, "no TensorRT engine (%s): pooled detect is %.1f%% of the backend-only loop;"
                    + " the %.0f%% target is against an engine's enqueue+sync loop, so run this on a .plan on the GPU",
                    subject.backend(), 100 * pooledRatio(), 100 * TARGET);
        }
        String verdict = String.format(Locale.ROOT, "pooled detect (%d threads, %d instance%s) is %.1f%% of the engine-only throughput: %s the %.0f%% target",
                threads, instances, instances == 1 ? "" : "s", 100 * pooledRatio(), meetsTarget() ? "MEETS" : "BELOW", 100 * TARGET);
        return graphOnly.map(g -> verdict + String.format(Locale.ROOT, " (and %.1f%% of the CUDA-graph launch loop)",
                100 * pooled.median().relativeTo(g.median()))).orElse(verdict);
    }
}
