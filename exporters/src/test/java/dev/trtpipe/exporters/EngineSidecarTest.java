package dev.trtpipe.exporters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trtpipe.darknet.NmsKind;
import dev.trtpipe.detect.TensorInfo;
import dev.trtpipe.detect.testing.TinyDetectorOnnx;
import dev.trtpipe.trt.EngineMetadata;
import dev.trtpipe.trt.Precision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Engine descriptions come from the sidecar trt-builder's {@link EngineMetadata} writes (no GPU needed to write one). */
class EngineSidecarTest {

    @TempDir
    Path dir;

    /** The sidecar the engine builder writes for the tiny detector built with {@code --batch 1:4:8}. */
    private static EngineMetadata sidecar(long batch, List<String> profiles) {
        return new EngineMetadata(EngineMetadata.FORMAT, "tiny-yolo.onnx", "00".repeat(32), "fp16", "10.6.0", "NVIDIA H100 80GB HBM3",
                List.of(new EngineMetadata.Tensor("data", new long[] {batch, 3, 64, 64}, "float")),
                List.of(new EngineMetadata.Tensor("yolo_3", new long[] {batch, 21, 2, 2}, "float"),
                        new EngineMetadata.Tensor("yolo_6", new long[] {batch, 21, 4, 4}, "float")),
                profiles, 3.2, TinyDetectorOnnx.spec(true, NmsKind.DEFAULT).toMetadata());
    }

    private Path plan(String name) throws Exception {
        return Files.write(dir.resolve(name), new byte[] {1, 2, 3});
    }

    @Test
    void aDynamicEngineDeploysUpToItsProfilesMaximumBatch() throws Exception {
        Path plan = plan("tiny.plan");
        sidecar(-1, List.of("data,1x3x64x64,4x3x64x64,8x3x64x64")).writeFor(plan);

        ModelDescription model = EngineSidecar.read(plan);

        assertThat(model.format()).isEqualTo(ModelFormat.TENSORRT_PLAN);
        assertThat(model.file()).isEqualTo(plan);
        assertThat(model.precision()).isEqualTo(Precision.FP16);
        assertThat(model.inputs()).containsExactly(new TensorInfo("data", new long[] {-1, 3, 64, 64}, "float"));
        assertThat(model.outputs()).extracting(TensorInfo::name).containsExactly("yolo_3", "yolo_6");
        assertThat(model.dynamicBatch()).isTrue();
        assertThat(model.maxBatch()).isEqualTo(8);
        assertThat(model.detection()).contains(TinyDetectorOnnx.spec(true, NmsKind.DEFAULT));
    }

    @Test
    void aStaticEngineDeploysWithItsOwnBatch() throws Exception {
        Path plan = plan("tiny-b2.engine");
        sidecar(2, List.of()).writeFor(plan);

        ModelDescription model = EngineSidecar.read(plan);

        assertThat(model.dynamicBatch()).isFalse();
        assertThat(model.maxBatch()).isEqualTo(2);
    }

    @Test
    void aDynamicEngineWithoutAProfileIsNamed() throws Exception {
        Path plan = plan("odd.plan");
        sidecar(-1, List.of("other,1x3x64x64,1x3x64x64,1x3x64x64")).writeFor(plan);

        assertThatThrownBy(() -> EngineSidecar.read(plan))
                .hasMessage(EngineMetadata.sidecarOf(plan) + ": input data float[?,3,64,64] has a dynamic batch but the sidecar"
                        + " lists no optimization profile for it; rebuild the engine with trtpipe onnx2trt");
    }

    @Test
    void aMalformedSidecarIsTheReadersOneLine() throws Exception {
        Path plan = plan("bad.plan");
        Files.writeString(EngineMetadata.sidecarOf(plan), "{\n  \"format\": \"trtpipe-engine/1\",\n  \"inputs\": [ oops ]\n}");

        assertThatThrownBy(() -> EngineSidecar.read(plan)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(EngineMetadata.sidecarOf(plan) + ":3:").hasMessageContaining("malformed engine sidecar");
    }

    @Test
    void missingSidecarIsNamedWithTheFix() throws Exception {
        Path plan = plan("yolo.plan");
        assertThatThrownBy(() -> EngineSidecar.read(plan))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("yolo.plan.json is missing")
                .hasMessageEndingWith("or export from the ONNX with its ONNX file")
                .message().doesNotContain("--");
    }

    @Test
    void missingPlanIsNamed() {
        assertThatThrownBy(() -> EngineSidecar.read(dir.resolve("none.plan"))).hasMessageContaining("no such engine");
    }

    @Test
    void theEngineIsExportedToTritonAsAPlan() throws Exception {
        Path plan = plan("tiny.plan");
        sidecar(-1, List.of("data,1x3x64x64,4x3x64x64,8x3x64x64")).writeFor(plan);

        List<Path> written = TritonExporter.export(EngineSidecar.read(plan), Optional.empty(), dir.resolve("repo"),
                new TritonExporter.Options("tiny", OptionalInt.empty()), false);

        assertThat(written).contains(dir.resolve("repo/tiny/1/model.plan"));
        assertThat(Files.readString(dir.resolve("repo/tiny/config.pbtxt"))).contains("platform: \"tensorrt_plan\"")
                .contains("max_batch_size: 8");
    }
}
