package dev.trtpipe.tools.bench;

import dev.trtpipe.detect.DetectionPool;
import dev.trtpipe.detect.Detector;
import dev.trtpipe.detect.DetectionPipeline;
import dev.trtpipe.detect.InferenceBackend;
import dev.trtpipe.detect.SharedBackend;
import dev.trtpipe.detect.backend.BackendRequest;
import dev.trtpipe.detect.backend.Backends;
import dev.trtpipe.detect.preprocess.RgbImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code bench-detect}'s procedure: opens the model as {@code detect} does ({@link Backends}), then runs
 * the stages (backend only, engine only for TensorRT, detect on one thread, pooled detect) round after
 * round, so that a slow drift of the machine touches every stage alike.
 *
 * @param budget    per stage and round
 * @param threads   pool threads
 * @param instances backend instances the pool shares; the sequential stages use the first
 * @param detectors the detector over a backend, as detect makes it (darknet or TAO, from metadata or an nvinfer config)
 */
public record DetectBenchmark(Budget budget, int rounds, int threads, int instances, Function<InferenceBackend, Detector> detectors) {

    public DetectBenchResult run(BackendRequest request, RgbImage image, String source) throws Exception {
        String modelName = request.model().toString();
        try (SharedBackend shared = Backends.openShared(request, instances);
             DetectionPool pool = new DetectionPool(shared, threads, detectors)) {
            InferenceBackend first = shared.instances().get(0); // the sequential stages run on it while the pool is idle
            Detector detector = detectors.apply(first);
            DetectionPipeline pipeline = detector.pipeline(); // darknet or TAO: the input is whatever detect feeds
            var subject = new DetectBenchResult.Subject(modelName, first.name(), pipeline.inputWidth(), pipeline.inputHeight(),
                    source, image.width(), image.height(), detector.detect(image, source).detections().size());
            int batch = batchOf(first);
            long[] shape = {batch, pipeline.inputChannels(), pipeline.inputHeight(), pipeline.inputWidth()};
            float[] tensor = new float[batch * detector.tensorSize()]; // zeros after slot 0, as detect leaves them
            detector.preprocessInto(image, tensor, 0);
            boolean engine = first.name().equals(EngineOnlyLoop.TENSORRT);

            DetectStages stages = new DetectStages(budget);
            List<Throughput> backendOnly = new ArrayList<>();
            List<Throughput> engineOnly = new ArrayList<>();
            List<Throughput> graphOnly = new ArrayList<>();
            List<Throughput> singleThread = new ArrayList<>();
            List<Throughput> pooled = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                backendOnly.add(stages.backendOnly(first, tensor, shape));
                if (engine) { // right after backendOnly: the engine-only loop runs at the shapes of the last infer()
                    EngineOnlyLoop.measure(first, budget).ifPresent(engineOnly::add);
                    EngineOnlyLoop.measureGraph(first, budget).ifPresent(graphOnly::add);
                }
                singleThread.add(stages.singleThread(detector, image, source));
                pooled.add(stages.pooled(pool, image, source));
            }
            return new DetectBenchResult(subject, threads, instances, budget, rounds, new StageRuns(backendOnly),
                    engineOnly.isEmpty() ? Optional.empty() : Optional.of(new StageRuns(engineOnly)),
                    graphOnly.isEmpty() ? Optional.empty() : Optional.of(new StageRuns(graphOnly)),
                    new StageRuns(singleThread), new StageRuns(pooled));
        }
    }

    /** A dynamic batch runs at 1; a fixed one as built (the image in slot 0, zeros after it, as detect does). */
    private static int batchOf(InferenceBackend backend) {
        long batch = backend.input().shape()[0];
        return batch > 0 ? Math.toIntExact(batch) : 1;
    }
}
