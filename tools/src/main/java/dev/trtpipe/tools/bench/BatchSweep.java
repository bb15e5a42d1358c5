package dev.trtpipe.tools.bench;

import dev.trtpipe.detect.BatchDetectionPool;
import dev.trtpipe.detect.BatchDetector.InputPreparation;
import dev.trtpipe.detect.DarknetInputBackend;
import dev.trtpipe.detect.Detector;
import dev.trtpipe.detect.InferenceBackend;
import dev.trtpipe.detect.SharedBackend;
import dev.trtpipe.detect.backend.BackendRequest;
import dev.trtpipe.detect.backend.Backends;
import dev.trtpipe.detect.preprocess.PixelMemory;
import dev.trtpipe.detect.preprocess.RgbImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code bench-detect --batches}: for each batch size, pooled batched detection (preprocess, one network
 * call per batch, post-process, on {@code threads} workers) against the network alone at the same batch —
 * the engine-only loop (enqueue + synchronize) for a TensorRT engine, {@code infer()} for ONNX Runtime. The
 * image is decoded once; the pools cycle through distinct copies of it, too many to stay in the CPU's cache
 * ({@link DistinctImages}; for GPU preprocessing in the engine's pinned memory). With {@code --gpu-preprocess} a second pool, whose
 * engine makes the input on the GPU from the 8-bit images, is measured in the same rounds.
 */
public record BatchSweep(Budget budget, int rounds, int threads, int instances, List<Integer> batches,
                         Function<InferenceBackend, Detector> detectors, InputPreparation alsoPooled) {

    /** The sweep without a second pooled figure. */
    public BatchSweep(Budget budget, int rounds, int threads, int instances, List<Integer> batches,
                      Function<InferenceBackend, Detector> detectors) {
        this(budget, rounds, threads, instances, batches, detectors, InputPreparation.HOST);
    }

    /**
     * One batch size's figures; images/s count images, not calls.
     *
     * @param baselineName {@code engine_only} or {@code backend_only}
     * @param graphOnly    the engine-only loop as a CUDA graph launch, when TensorRT captured the engine
     * @param distinctImages how many distinct copies of the image each pooled run cycled through ({@link DistinctImages})
     */
    record Row(int batch, String baselineName, StageRuns baseline, Optional<StageRuns> graphOnly, StageRuns pooled,
               Optional<StageRuns> pooledGpuPreprocess, int distinctImages) {
        double ratio() {
            return pooled.median().relativeTo(baseline.median());
        }

        /** Pooled detect with the input made on the GPU against the same baseline. */
        Optional<Double> gpuPreprocessRatio() {
            return pooledGpuPreprocess.map(g -> g.median().relativeTo(baseline.median()));
        }
    }

    /** What was measured, and on what. */
    public record Result(String model, String backend, String image, int threads, int instances, int rounds, Budget budget, List<Row> rows) {
    }

    public Result run(BackendRequest request, RgbImage image, String source) throws Exception {
        String modelName = request.model().toString();
        try (SharedBackend shared = Backends.openShared(request, instances)) {
            List<Row> rows = new ArrayList<>();
            for (int batch : batches) {
                rows.add(measure(shared, batch, image, source));
            }
            return new Result(modelName, shared.name(), source, threads, instances, rounds, budget, rows);
        }
    }

    /** The rounds at one batch size: the network alone on the first instance, then the pool over all of them. */
    private Row measure(SharedBackend shared, int batch, RgbImage image, String source) throws Exception {
        InferenceBackend first = shared.instances().get(0); // the baseline runs on it while the pool is idle
        boolean gpu = alsoPooled == InputPreparation.BACKEND;
        // distinct images, from DRAM as in a real run; the GPU pool's in the memory its engine uploads from directly
        try (DistinctImages hostImages = DistinctImages.of(image, source, batch, PixelMemory.HEAP);
             DistinctImages gpuImages = gpu ? DistinctImages.of(image, source, batch, backendMemory(shared)) : null;
             BatchDetectionPool pool = new BatchDetectionPool(shared, threads, batch, detectors);
             BatchDetectionPool gpuPool = gpu ? new BatchDetectionPool(shared, threads, batch, detectors, InputPreparation.BACKEND) : null) {
            Detector detector = detectors.apply(first);
            float[] tensor = new float[batch * detector.tensorSize()];
            for (int i = 0; i < batch; i++) {
                detector.preprocessInto(image, tensor, i);
            }
            long[] shape = {batch, detector.pipeline().inputChannels(), detector.pipeline().inputHeight(),
                    detector.pipeline().inputWidth()};
            boolean engine = first.name().equals(EngineOnlyLoop.TENSORRT);
            DetectStages stages = new DetectStages(budget);
            int depth = 2 * pool.threads(); // two batches per worker: none waits for work
            List<Throughput> baseline = new ArrayList<>();
            List<Throughput> graph = new ArrayList<>();
            List<Throughput> pooled = new ArrayList<>();
            List<Throughput> pooledGpu = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                Throughput backendOnly = perImage(stages.backendOnly(first, tensor, shape), batch);
                if (engine) { // right after infer(): the engine-only loop runs at its shapes
                    baseline.add(perImage(EngineOnlyLoop.measure(first, budget).orElseThrow(), batch));
                    EngineOnlyLoop.measureGraph(first, budget).ifPresent(g -> graph.add(perImage(g, batch)));
                } else {
                    baseline.add(backendOnly);
                }
                DetectStages.keptFull(depth, () -> pool.submit(hostImages.nextBatch()), List::size, budget.warmup());
                pooled.add(DetectStages.keptFull(depth, () -> pool.submit(hostImages.nextBatch()), List::size, budget));
                if (gpu) { // in the same round as the CPU-prepared pool, so that drift touches both alike
                    DetectStages.keptFull(depth, () -> gpuPool.submit(gpuImages.nextBatch()), List::size, budget.warmup());
                    pooledGpu.add(DetectStages.keptFull(depth, () -> gpuPool.submit(gpuImages.nextBatch()), List::size, budget));
                }
            }
            return new Row(batch, engine ? "engine_only" : "backend_only", new StageRuns(baseline),
                    graph.isEmpty() ? Optional.empty() : Optional.of(new StageRuns(graph)), new StageRuns(pooled),
                    gpu ? Optional.of(new StageRuns(pooledGpu)) : Optional.empty(), hostImages.size());
        }
    }

    /** The memory the backend's own input preparation reads images from without a copy (pinned, for TensorRT). */
    private static PixelMemory backendMemory(SharedBackend shared) {
        return shared.darknetInputs().map(DarknetInputBackend::pixelMemory).orElse(PixelMemory.HEAP);
    }

        /** The loops count network calls; a call at batch N handles N images. */
    private static Throughput perImage(Throughput calls, int batch) {
        return new Throughput(calls.images() * batch, calls.seconds());
    }
}
