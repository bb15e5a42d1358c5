package dev.trtpipe.trt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trtpipe.detect.DetectionResult;
import dev.trtpipe.detect.Detector;
import dev.trtpipe.detect.DetectorSettings;
import dev.trtpipe.detect.InferenceBackend;
import dev.trtpipe.detect.backend.BackendRequest;
import dev.trtpipe.detect.backend.Backends;
import dev.trtpipe.detect.onnxrt.OnnxRuntimeBackend;
import dev.trtpipe.detect.testing.DetectionsTsv;
import dev.trtpipe.detect.testing.ReplayModels;
import dev.trtpipe.detect.testing.SharedRefs;
import dev.trtpipe.onnx.OnnxModelInfo;
import dev.trtpipe.trt.check.CheckReport;
import dev.trtpipe.trt.check.CheckSettings;
import dev.trtpipe.trt.check.ErrorStats;
import dev.trtpipe.trt.check.ModelCheck;
import dev.trtpipe.trt.check.OutputComparison;
import dev.trtpipe.trt.check.Tolerances;
import dev.trtpipe.trt.check.ValueRange;
import dev.trtpipe.trt.selftest.SyntheticModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/** Real builds and inference; skipped (with the reason) on hosts without TensorRT and a GPU. */
@EnabledIf(value = "dev.trtpipe.trt.TrtAvailability#isAvailable", disabledReason = "needs TensorRT 10 and an NVIDIA GPU")
class EngineGpuTest {

    @TempDir
    Path dir;

    @Test
    void fp32EngineMatchesOnnxRuntimeWithinTheTarget() throws Exception {
        byte[] onnx = SyntheticModels.convNet(-1, 5);
        Path model = Files.write(dir.resolve("m.onnx"), onnx);
        Path plan = dir.resolve("m.plan");
        BuildReport report = EngineBuilder.create().build(model, plan,
                BuildOptions.builder().optimizationLevel(0).batchRange(BuildOptions.BatchRange.parse("1:2:4")).build());
        assertThat(report.metadata().sourceOnnxSha256()).isEqualTo(OnnxModelInfo.parse(onnx, "m").sha256());
        float[] input = new float[2 * 3 * 64 * 64];
        Random random = new Random(3);
        for (int i = 0; i < input.length; i++) {
            input[i] = random.nextFloat();
        }
        long[] shape = {2, 3, 64, 64};
        Map<String, float[]> reference;
        try (OnnxRuntimeBackend cpu = OnnxRuntimeBackend.fromBytes(onnx, "m.onnx", 1)) {
            reference = cpu.infer(input, shape);
        }
        try (Engine engine = Engine.load(plan)) {
            assertThat(engine.metadata()).containsEntry("trtpipe.synthetic", "synthetic_convnet");
            assertThat(ErrorStats.compare(reference, engine.infer(input, shape)).relativeL2()).isLessThanOrEqualTo(1e-3);
            assertThatThrownBy(() -> engine.infer(new float[8 * 3 * 64 * 64], new long[] {8, 3, 64, 64}))
                    .hasMessageContaining("rebuild with a -p profile that covers it");
        }
    }

    /** {@code trtpipe check}'s path: two inputs of two types, two outputs, a shape picked from the engine's profile. */
    @Test
    void aTwoInputEngineMatchesOnnxRuntimeOutputByOutput() throws Exception {
        Path model = Files.write(dir.resolve("two.onnx"), SyntheticModels.twoInputs(3, 1f));
        Path plan = dir.resolve("two.plan");
        EngineBuilder.create().build(model, plan,
                BuildOptions.builder().optimizationLevel(0).batchRange(BuildOptions.BatchRange.parse("1:2:4")).build());
        CheckReport report = ModelCheck.run(new CheckSettings(model, plan, Map.of(), 1, Map.of(),
                Map.of(SyntheticModels.TOKEN_IDS, new ValueRange(0, 9)), Tolerances.defaults(), Optional.empty()));
        assertThat(report.inputs()).extracting(r -> r.tensor().toString()).containsExactly("float[2x16]", "int64[2x4]");
        assertThat(report.outputs()).extracting(OutputComparison::name).containsExactly(SyntheticModels.SCORES, SyntheticModels.POOLED);
        assertThat(report.outputs()).allSatisfy(o -> assertThat(o.relativeL2()).isLessThanOrEqualTo(1e-3));
        assertThat(report.warnings()).isEmpty();
        assertThatThrownBy(() -> ModelCheck.run(new CheckSettings(model, plan, Map.of(SyntheticModels.FEATURES, new long[] {8, 16}), 1,
                Map.of(), Map.of(), Tolerances.defaults(), Optional.empty()))).hasMessageContaining("does not fit engine input 'features'");
    }

    /** {@code detect --model x.plan}'s path: the provider opens the engine, the sidecar carries the spec. */
    @Test
    void aDarknetEngineOpenedAsADetectBackendReproducesDarknet() throws Exception {
        String run = "trained/alexeyab/yolo-fastest-1.1_dog_resize";
        Path model = Files.write(dir.resolve("replay.onnx"), ReplayModels.yoloFastest(run));
        Path plan = dir.resolve("replay.plan");
        EngineBuilder.create().build(model, plan, BuildOptions.builder().optimizationLevel(0).batchRange(BuildOptions.BatchRange.parse("1:1:1")).build());

        try (InferenceBackend backend = Backends.open(BackendRequest.of(plan))) {
            assertThat(backend.name()).isEqualTo("tensorrt");
            DetectionResult result = Detector.fromMetadata(plan.toString(), backend, DetectorSettings.defaults())
                    .detect(SharedRefs.resolve("images/dog_decoded.png"));
            assertThat(result.detections()).hasSameSizeAs(DetectionsTsv.read(SharedRefs.resolve("ref/" + run + "/detections.tsv")));
        }
    }
}
