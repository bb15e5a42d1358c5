package dev.trtpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trtpipe.trt.BuildOptions;
import dev.trtpipe.trt.BuildRecipe;
import dev.trtpipe.trt.EngineMetadata;
import dev.trtpipe.trt.Precision;
import dev.trtpipe.trt.ShapeProfile;
import dev.trtpipe.trt.TrtAvailability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code detect --rebuild}'s decision, from hand-written sidecars and host descriptions: no GPU needed. */
class EngineRefreshTest {

    @TempDir
    Path tmp;

    private static TrtAvailability.Status host(String version, String capability) {
        return new TrtAvailability.Status(true, List.of(), "", Optional.of(version), Optional.of("NVIDIA H200"), Optional.of(capability));
    }

    private Path engineBuiltWith(BuildRecipe recipe) throws Exception {
        Path plan = Files.write(tmp.resolve("yolo.plan"), new byte[] {1, 2, 3});
        new EngineMetadata(EngineMetadata.FORMAT, "yolo.onnx", "ab".repeat(32), "fp16", "10.6.0", "NVIDIA H200",
                List.of(new EngineMetadata.Tensor("images", new long[] {-1, 3, 320, 320}, "float")), List.of(),
                List.of("images,1x3x320x320,32x3x320x320,32x3x320x320"), 20.5, Map.of(), "9.0", recipe).writeFor(plan);
        return plan;
    }

    @Test
    void aFreshEngineIsLeftAlone() throws Exception {
        Path onnx = Files.write(tmp.resolve("yolo.onnx"), new byte[] {0});
        Path plan = engineBuiltWith(new BuildRecipe(onnx.toString(), List.of("--precision", "fp16")));
        assertThat(EngineRefresh.plan(plan, host("10.6.0", "9.0"))).isEmpty();
    }

    @Test
    void aStaleEngineIsRebuiltFromItsOnnxWithTheOptionsItWasBuiltWith() throws Exception {
        Path onnx = Files.write(tmp.resolve("yolo.onnx"), new byte[] {0});
        BuildOptions original = BuildOptions.builder().precision(Precision.FP16).int8Fp16Fallback(true)
                .batchRange(new BuildOptions.BatchRange(1, 32, 32)).optimizationLevel(0).timingCache(tmp.resolve("timing.cache"))
                .profile(ShapeProfile.parse("extra,1x4,2x4,8x4")).workspaceBytes(1L << 31).build();
        Path plan = engineBuiltWith(BuildRecipe.of(onnx, original));

        Optional<EngineRefresh.Rebuild> rebuild = EngineRefresh.plan(plan, host("10.7.0", "9.0"));

        assertThat(rebuild).hasValueSatisfying(r -> {
            assertThat(r.onnx()).isEqualTo(onnx.toAbsolutePath());
            assertThat(r.options()).isEqualTo(original);
            assertThat(r.reason()).startsWith("built by TensorRT 10.6.0 on NVIDIA H200, but this host runs TensorRT 10.7.0");
        });
        assertThat(EngineRefresh.plan(plan, host("10.6.0", "10.0"))).hasValueSatisfying(r ->
                assertThat(r.reason()).startsWith("built for compute capability 9.0 (NVIDIA H200), but this GPU"));
    }

    @Test
    void everyOptionSurvivesTheRecipe() throws Exception {
        Path onnx = Files.write(tmp.resolve("yolo.onnx"), new byte[] {0});
        BuildOptions original = BuildOptions.builder().precision(Precision.INT8).int8Fp16Fallback(false)
                .calibrationImages(tmp.resolve("calib")).calibrationCache(tmp.resolve("cal.bin")).calibrationBatchSize(4)
                .maxCalibrationBatches(10).dlaCore(1).strictTypes(true).pluginLibrary(tmp.resolve("libplugin.so")).build();
        Path plan = engineBuiltWith(BuildRecipe.of(onnx, original));

        assertThat(EngineRefresh.plan(plan, host("10.7.0", "9.0")).orElseThrow().options()).isEqualTo(original);
    }

    @Test
    void aStaleEngineWhoseOnnxIsGoneOrWithoutRecipeIsOneLineWithTheFix() throws Exception {
        Path plan = engineBuiltWith(new BuildRecipe(tmp.resolve("gone.onnx").toString(), List.of("--precision", "fp16")));
        assertThatThrownBy(() -> EngineRefresh.plan(plan, host("10.7.0", "9.0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--rebuild needs " + tmp.resolve("gone.onnx") + ", the ONNX model its sidecar names, which is gone")
                .hasMessageEndingWith("onnx2trt -m NEW.onnx -e " + plan + " --precision fp16");

        Path old = engineBuiltWith(null);
        assertThatThrownBy(() -> EngineRefresh.plan(old, host("10.7.0", "9.0")))
                .hasMessageContaining("its sidecar has no build recipe (an older trtpipe built it)");
    }
}
