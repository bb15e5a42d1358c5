package dev.trtpipe.trt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.trtpipe.detect.preprocess.ImagePlacement;
import dev.trtpipe.detect.preprocess.Preprocessor;
import dev.trtpipe.detect.preprocess.ResizeImplementation;
import dev.trtpipe.detect.preprocess.RgbImage;
import dev.trtpipe.trt.GpuPreprocessCheck;
import dev.trtpipe.trt.selftest.SyntheticModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CUDA kernel itself ({@code gpu/pinned.sh} runs the same through bench-detect): its floats
 * against the Java kernel's, and an engine fed by it against the same engine fed the CPU's tensor. Skipped
 * without TensorRT and a GPU, or without NVRTC.
 */
@EnabledIf(value = "dev.trtpipe.trt.TrtAvailability#isAvailable", disabledReason = "needs TensorRT 10 and an NVIDIA GPU")
class GpuPreprocessingGpuTest {

    @TempDir
    Path dir;

    private static void assumeKernel() {
        Optional<String> reason = GpuPreprocessing.unavailableReason();
        assumeTrue(reason.isEmpty(), () -> reason.orElse(""));
    }

    @Test
    void theKernelGivesTheJavaKernelsBitsOnEveryCase() {
        assumeKernel();
        List<GpuPreprocessCheck.Row> rows = GpuPreprocessCheck.run(GpuPreprocessCheck.cases(Optional.empty(), ""), GpuPreprocessing::prepare);

        assertThat(rows).isNotEmpty().allSatisfy(r -> assertThat(r.differing()).as(r.c().image() + " " + r.firstDifference().orElse("")).isZero());
    }

    @Test
    void anEngineFedByTheKernelOutputsWhatItOutputsOnTheCpusTensor() throws Exception {
        assumeKernel();
        Path model = Files.write(dir.resolve("m.onnx"), SyntheticModels.convNet(-1, 5));
        Path plan = dir.resolve("m.plan");
        EngineBuilder.create().build(model, plan,
                BuildOptions.builder().optimizationLevel(0).batchRange(BuildOptions.BatchRange.parse("1:2:4")).build());
        Preprocessor pre = new Preprocessor(64, 64, true).using(ResizeImplementation.JAVA);
        List<RgbImage> images = List.of(GpuPreprocessCheck.noise(100, 37), GpuPreprocessCheck.noise(20, 90));
        List<ImagePlacement> placements = images.stream().map(im -> pre.placement(im.width(), im.height())).toList();
        try (Engine engine = Engine.load(plan)) {
            for (long batch : new long[] {2, 3}) { // 3: the third item must be zeros, as the CPU path sends
                long[] shape = {batch, 3, 64, 64};
                Map<String, float[]> expected = engine.infer(pre.toBatch(images, (int) batch), shape);
                Map<String, float[]> actual = engine.inferDarknetInputs(images, placements, shape);
                assertThat(actual.keySet()).isEqualTo(expected.keySet());
                expected.forEach((name, values) -> assertThat(actual.get(name)).as(name + " at batch " + batch).containsExactly(values));
            }
        }
    }
}
