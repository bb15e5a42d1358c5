package dev.trtpipe.trt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.trtpipe.detect.backend.BackendRequest;
import dev.trtpipe.detect.backend.Backends;
import dev.trtpipe.detect.backend.WeightsNotNeededException;
import dev.trtpipe.detect.testing.ReferenceSpecs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TensorRT route of {@link Backends}, as far as it goes without a GPU. */
class TensorRtProviderTest {

    @TempDir
    Path dir;

    @Test
    void isInstalledThroughTheServiceLoaderForPlansAndEngines() {
        assertThat(Backends.installed()).hasAtLeastOneElementOfType(TensorRtProvider.class);
        TensorRtProvider provider = new TensorRtProvider();
        assertThat(provider.accepts(BackendRequest.of(Path.of("yolo.plan")))).isTrue();
        assertThat(provider.accepts(BackendRequest.of(Path.of("yolo.ENGINE")))).isTrue();
        assertThat(provider.accepts(BackendRequest.of(Path.of("yolo.onnx")))).isFalse();
    }

    @Test
    void anEngineWithoutItsSidecarIsRefusedBeforeTensorRt() throws Exception {
        Path plan = Files.write(dir.resolve("yolo.plan"), new byte[] {1, 2, 3});

        assertThatThrownBy(() -> Backends.open(BackendRequest.of(plan))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(plan + ": its sidecar yolo.plan.json is missing")
                .hasMessageContaining("rebuild the engine with trtpipe onnx2trt");
    }

    @Test
    void darknetWeightsDoNotGoWithAnEngine() throws Exception {
        Path plan = Files.write(dir.resolve("yolo.engine"), new byte[] {1});
        BackendRequest request = new BackendRequest(plan, Optional.of(dir.resolve("yolo.weights")), 0);

        assertThatThrownBy(() -> Backends.open(request)).isInstanceOf(WeightsNotNeededException.class)
                .hasMessageContaining("a TensorRT engine carries its weights; a separate weights file is only for a darknet .cfg");
    }

    @Test
    void withTheSidecarButWithoutTensorRtTheLoadSaysWhatIsMissing() throws Exception {
        assumeFalse(TrtAvailability.isAvailable(), "this host has TensorRT and a GPU");
        Path plan = Files.write(dir.resolve("yolo.plan"), new byte[] {1, 2, 3});
        sidecar().writeFor(plan);

        assertThatThrownBy(() -> Backends.open(BackendRequest.of(plan))).isInstanceOf(TrtUnavailableException.class)
                .hasMessageStartingWith("TensorRT is not usable on this host: missing ");
    }

    /** A sidecar as {@link EngineBuilder} writes it for a converted Yolo-Fastest. */
    static EngineMetadata sidecar() {
        return new EngineMetadata(EngineMetadata.FORMAT, "yolo-fastest.onnx", "00".repeat(32), "fp16", "10.6.0", "NVIDIA H100 80GB HBM3",
                List.of(new EngineMetadata.Tensor("images", new long[] {-1, 3, 320, 320}, "float")),
                List.of(new EngineMetadata.Tensor("yolo_121", new long[] {-1, 255, 10, 10}, "float"),
                        new EngineMetadata.Tensor("yolo_130", new long[] {-1, 255, 20, 20}, "float")),
                List.of("images,1x3x320x320,4x3x320x320,8x3x320x320"), 12.5, ReferenceSpecs.yoloFastest().toMetadata());
    }
}
