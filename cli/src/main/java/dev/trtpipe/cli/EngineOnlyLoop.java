package dev.trtpipe.cli;

import dev.trtpipe.detect.InferenceBackend;
import dev.trtpipe.trt.Engine;
import java.util.Optional;

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

    /** The loop's throughput, or empty when {@code backend} is not a TensorRT {@link Engine}. */
    static Optional<Throughput> measure(InferenceBackend backend, Budget budget) {
        if (!(backend instanceof Engine engine)) {
            return Optional.empty();
        }
        loop(engine, budget.warmup());
        return Optional.of(loop(engine, budget));
    }

    /**
     * Counts only the engine's own per-enqueue times (enqueue + synchronize), not this loop's overhead, so
     * the baseline is not understated.
     */
    private static Throughput loop(Engine engine, Budget budget) {
        long start = System.nanoTime();
        long done = 0;
        double millis = 0;
        while (!budget.spent(done, System.nanoTime() - start)) {
            int chunk = (int) (budget.counted() ? Math.min(CHUNK, budget.iterations() - done) : CHUNK);
            for (double ms : engine.timeEngineOnly(0, chunk)) {
                millis += ms;
            }
            done += chunk;
        }
        return new Throughput(done, millis / 1000);
    }
}
