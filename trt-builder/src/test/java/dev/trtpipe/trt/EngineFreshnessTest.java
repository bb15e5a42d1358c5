package dev.trtpipe.trt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trtpipe.detect.SettingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Freshness decided from hand-written sidecars and host descriptions: no GPU needed. */
class EngineFreshnessTest {

    @TempDir
    Path dir;

    private static final String H200_SIDECAR = """
            {
              "format" : "trtpipe-engine/1",
              "sourceOnnx" : "yolo.onnx",
              "sourceOnnxSha256" : "%s",
              "precision" : "fp16",
              "tensorRtVersion" : "10.6.0",
              "gpuName" : "NVIDIA H200",
              "inputs" : [ { "name" : "images", "shape" : [ -1, 3, 320, 320 ], "dataType" : "float" } ],
              "outputs" : [ ],
              "profiles" : [ "images,1x3x320x320,32x3x320x320,32x3x320x320" ],
              "buildSeconds" : 20.5,
              "modelMetadata" : { },
              "computeCapability" : "9.0",
              "recipe" : { "onnx" : "/models/yolo.onnx", "arguments" : [ "--precision", "fp16", "--batch", "1:32:32", "--opt-level", "0" ] }
            }
            """.formatted("ab".repeat(32));

    private static TrtAvailability.Status host(String version, String gpu, String capability) {
        return new TrtAvailability.Status(true, List.of(), "", Optional.of(version), Optional.of(gpu), Optional.of(capability));
    }

    private EngineMetadata handWritten(String json) throws Exception {
        Path plan = dir.resolve("yolo.plan");
        Files.writeString(EngineMetadata.sidecarOf(plan), json);
        return EngineMetadata.readFor(plan).orElseThrow();
    }

    @Test
    void theSameTensorRtAndGpuIsFresh() throws Exception {
        EngineMetadata built = handWritten(H200_SIDECAR);
        assertThat(EngineFreshness.staleReason(built, host("10.6.0", "NVIDIA H200", "9.0"))).isEmpty();
        assertThat(EngineFreshness.warning(Path.of("yolo.plan"), built, host("10.6.0", "NVIDIA H200", "9.0"))).isEmpty();
    }

    @Test
    void anotherTensorRtVersionIsStale() throws Exception {
        assertThat(EngineFreshness.staleReason(handWritten(H200_SIDECAR), host("10.7.0", "NVIDIA H200", "9.0")))
                .contains("built by TensorRT 10.6.0 on NVIDIA H200, but this host runs TensorRT 10.7.0; engines only load in the"
                        + " TensorRT version that built them");
    }

    @Test
    void anotherGpuGenerationIsStaleAnotherModelOfTheSameGenerationOnlyWarns() throws Exception {
        EngineMetadata built = handWritten(H200_SIDECAR);
        assertThat(EngineFreshness.staleReason(built, host("10.6.0", "NVIDIA A100-SXM4-80GB", "8.0")))
                .contains("built for compute capability 9.0 (NVIDIA H200), but this GPU, NVIDIA A100-SXM4-80GB, has compute capability 8.0;"
                        + " engines only run on the GPU generation they were built for");
        TrtAvailability.Status h100 = host("10.6.0", "NVIDIA H100 80GB HBM3", "9.0");
        assertThat(EngineFreshness.staleReason(built, h100)).isEmpty();
        assertThat(EngineFreshness.warning(Path.of("yolo.plan"), built, h100)).hasValueSatisfying(w ->
                assertThat(w).startsWith("yolo.plan was built on NVIDIA H200 and runs on NVIDIA H100 80GB HBM3"));
    }

    @Test
    void theLoadCheckNamesTheRecipesRebuildCommand() throws Exception {
        EngineMetadata built = handWritten(H200_SIDECAR);
        assertThatThrownBy(() -> Engine.checkBuiltHere(Path.of("yolo.plan"), built, host("10.7.0", "NVIDIA H200", "9.0"), new ArrayList<>()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith(": rebuild with trtpipe onnx2trt -m /models/yolo.onnx -e yolo.plan --precision fp16 --batch 1:32:32"
                        + " --opt-level 0")
                // the command line adds its own way, with its flag
                .isInstanceOfSatisfying(SettingException.class, e -> assertThat(e.render(s -> "--" + s.name().toLowerCase(Locale.ROOT)))
                        .endsWith(" --opt-level 0 (or run detect with --rebuild)"));
    }

    @Test
    void aSidecarOfAnOlderTrtpipeHasNoCapabilityNorRecipeAndIsJudgedByVersionAlone() throws Exception {
        String old = H200_SIDECAR.replaceAll(",\\s*\"computeCapability\"[^\\n]*\\n\\s*\"recipe\"[^\\n]*\\n", "\n");
        assertThat(old).doesNotContain("recipe");
        EngineMetadata built = handWritten(old);
        assertThat(built.computeCapability()).isEmpty();
        assertThat(built.buildRecipe()).isEmpty();
        assertThat(EngineFreshness.staleReason(built, host("10.6.0", "NVIDIA A100-SXM4-80GB", "8.0"))).isEmpty();
        assertThat(EngineFreshness.rebuildCommand(Path.of("yolo.plan"), built)).isEqualTo("trtpipe onnx2trt -m yolo.onnx -e yolo.plan");
    }

    @Test
    void theBatchLimitOfADynamicEngineIsItsProfilesMax() throws Exception {
        EngineMetadata built = handWritten(H200_SIDECAR);
        assertThat(Engine.profileMaxBatch(built, "images")).contains(32L);
        assertThat(Engine.profileMaxBatch(built, "other")).isEmpty();
    }

    @Test
    void theRecipeRoundTripsThroughTheSidecar() throws Exception {
        EngineMetadata built = handWritten(H200_SIDECAR);
        Path plan = dir.resolve("copy.plan");
        built.writeFor(plan);
        assertThat(EngineMetadata.readFor(plan)).contains(built);
        assertThat(built.buildRecipe()).contains(new BuildRecipe("/models/yolo.onnx",
                List.of("--precision", "fp16", "--batch", "1:32:32", "--opt-level", "0")));
    }
}
