package dev.trtpipe.tools.bench;

import dev.trtpipe.detect.InferenceBackend;
import dev.trtpipe.trt.Engine;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * The engine-only baseline of {@code bench-detect}: TensorRT's {@code enqueueV3} + stream synchronize in a
 * loop, no copies, at the shapes of the engine's last {@code infer}. This is the only class of the
 * benchmark that names a TensorRT type; call it only for a backend named {@value #TENSORRT}, so that
 * benchmarking an ONNX model never loads TensorRT (or JavaCPP) classes.
 */
final class EngineOnlyLoop {

    /** {@link Engine#name()}, spelled out: asking the engine class for it would load it. */
    static final String TENSORRT = "tensorrt";

    /** Enqueues per {@code timeEngineOnly} call: long enough to amortise the call, short enough to stop on time. */
    private static final int CHUNK = 100;

    private EngineOnlyLoop() {
    }

    /** The enqueue loop's throughput, or empty when {@code backend} is not a TensorRT {@link Engine}. */
    static Optional<Throughput> measure(InferenceBackend backend, Budget budget) {
        if (!(backend instanceof Engine engine)) {
            return Optional.empty();
        }
        return Optional.of(warmThenLoop(budget, n -> engine.timeEngineOnly(0, n)));
    }

    /**
     * The CUDA-graph launch loop's throughput — how {@code infer} runs the network — or empty when the
     * backend is not an engine or TensorRT could not capture it.
     */
    static Optional<Throughput> measureGraph(InferenceBackend backend, Budget budget) {
        if (!(backend instanceof Engine engine) || engine.timeGraphLaunch(0, 1).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(warmThenLoop(budget, n -> engine.timeGraphLaunch(0, n).orElseThrow()));
    }

    private static Throughput warmThenLoop(Budget budget, IntFunction<double[]> timeChunk) {
        loop(budget.warmup(), timeChunk);
        return loop(budget, timeChunk);
    }

    /**
     * Counts only the engine's own per-run times (launch + synchronize), not this loop's overhead, so the
     * baseline is not understated.
     */
    private static Throughput loop(Budget budget, IntFunction<double[]> timeChunk) {
        long start = System.nanoTime();
        long done = 0;
        double millis = 0;
        while (!budget.spent(done, System.nanoTime() - start)) {
            int chunk = (int) (budget.counted() ? Math.min(CHUNK, budget.iterations() - done) : CHUNK);
            for (double ms : timeChunk.apply(chunk)) {
                millis += ms;
            }
            done += chunk;
        }
        return new Throughput(done, millis / 1000);
    }
}
