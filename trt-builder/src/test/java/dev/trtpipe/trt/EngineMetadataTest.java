package dev.trtpipe.trt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineMetadataTest {

    @TempDir
    Path dir;

    private static EngineMetadata sample() {
        return new EngineMetadata(EngineMetadata.FORMAT, "yolo.onnx", "ab".repeat(32), "fp16", "10.6.0", "NVIDIA H100 80GB HBM3",
                List.of(new EngineMetadata.Tensor("images", new long[] {-1, 3, 416, 416}, "float")),
                List.of(new EngineMetadata.Tensor("head", new long[] {-1, 255, 13, 13}, "float")),
                List.of("images,1x3x416x416,4x3x416x416,8x3x416x416"), 41.5, Map.of("darknet.classes", "80"));
    }

    @Test
    void roundTripsBesideThePlan() throws Exception {
        Path plan = dir.resolve("yolo.plan");
        sample().writeFor(plan);
        assertThat(EngineMetadata.sidecarOf(plan)).hasFileName("yolo.plan.json").exists();
        assertThat(EngineMetadata.readFor(plan)).contains(sample());
        assertThat(Files.readString(EngineMetadata.sidecarOf(plan))).contains("\"darknet.classes\" : \"80\"");
    }

    @Test
    void noSidecarIsNoError() throws Exception {
        assertThat(EngineMetadata.readFor(dir.resolve("bare.plan"))).isEqualTo(Optional.empty());
    }

    @Test
    void aMalformedSidecarNamesItsLine() throws Exception {
        Path plan = dir.resolve("x.plan");
        Files.writeString(EngineMetadata.sidecarOf(plan), "{\n  \"format\": \"trtpipe-engine/1\",\n  \"inputs\": [ oops ]\n}");
        assertThatThrownBy(() -> EngineMetadata.readFor(plan))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(EngineMetadata.sidecarOf(plan) + ":3:")
                .hasMessageContaining("malformed engine sidecar");
    }

    @Test
    void aPlanFromAnotherTensorRtIsReportedPlainlyAndAnotherGpuOnlyWarns() {
        TrtAvailability.Status host = new TrtAvailability.Status(true, List.of(), "", Optional.of("10.6.0"), Optional.of("NVIDIA A100"));
        List<String> warnings = new java.util.ArrayList<>();
        Engine.checkBuiltHere(Path.of("yolo.plan"), sample(), host, warnings);
        assertThat(warnings).singleElement().asString().contains("was built on NVIDIA H100 80GB HBM3 and runs on NVIDIA A100");

        TrtAvailability.Status other = new TrtAvailability.Status(true, List.of(), "", Optional.of("10.3.0"), Optional.of("Orin"));
        assertThatThrownBy(() -> Engine.checkBuiltHere(Path.of("yolo.plan"), sample(), other, new java.util.ArrayList<>()))
                .hasMessage("yolo.plan: built by TensorRT 10.6.0 on NVIDIA H100 80GB HBM3, but this host runs TensorRT 10.3.0; engines only "
                        + "load in the TensorRT version that built them: rebuild with trtpipe onnx2trt -m yolo.onnx -e yolo.plan");
    }

    /** The messages are TensorRT 10.6's own, recorded on the H100 run of selftest-gpu (docs/tensorrt.md). */
    @Test
    void tensorRtsDeserializationErrorsAreClassified() {
        assertThat(PlanLoadErrors.describe("a.plan", "10.6.0", List.of("IRuntime::deserializeCudaEngine: Error Code 1: Serialization "
                + "(Serialization assertion plan->header.magicTag == rt::kPLAN_MAGIC_TAG failed.Trying to load an engine created with "
                + "incompatible serialization version. Check that the engine was not created using safety runtime, same OS was used "
                + "and version compatibility parameters were set accordingly.)")))
                .startsWith("a.plan: TensorRT 10.6.0 cannot load this engine: the file is not a TensorRT engine, is damaged");
        assertThat(PlanLoadErrors.describe("t.plan", "10.6.0", List.of("IRuntime::deserializeCudaEngine: Error Code 1: Serialization "
                + "(Serialization assertion plan->header.size == blobSize failed.)")))
                .contains("the file is not a TensorRT engine, is damaged").endsWith("plan->header.size == blobSize failed.))");
        assertThat(PlanLoadErrors.describe("a.plan", "10.6.0", List.of("The engine plan file is not compatible with this version of "
                + "TensorRT, expecting library version 10.6.0.26 got 10.3.0.30")))
                .contains("built by another TensorRT version");
    }
}
