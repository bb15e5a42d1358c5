package dev.trtpipe.detect.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trtpipe.detect.InferenceBackend;
import dev.trtpipe.detect.onnxrt.OnnxRuntimeProvider;
import dev.trtpipe.detect.testing.TinyOnnx;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackendsTest {

    @TempDir
    Path tmp;

    @Test
    void onnxRuntimeIsInstalledThroughTheServiceLoader() {
        assertThat(Backends.installed()).hasAtLeastOneElementOfType(OnnxRuntimeProvider.class);
    }

    @Test
    void onnxFilesOpenWithOnnxRuntime() throws Exception {
        Path model = Files.write(tmp.resolve("m.ONNX"),
                TinyOnnx.identity(TinyOnnx.FLOAT, new Long[] {1L, 3L, 2L, 2L}, Map.of()));
        try (InferenceBackend backend = Backends.open(BackendRequest.of(model))) {
            assertThat(backend.name()).isEqualTo("onnxruntime-cpu");
        }
    }

    @Test
    void darknetCfgSaysWhatIsMissing() throws Exception {
        Path cfg = Files.writeString(tmp.resolve("yolo.cfg"), "[net]\n");
        assertThatThrownBy(() -> Backends.open(BackendRequest.of(cfg))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(cfg + ": running a darknet .cfg directly needs the darknet-to-ONNX route");
    }

    @Test
    void tensorRtEngineSaysWhatIsMissing() throws Exception {
        Path engine = Files.write(tmp.resolve("yolo.engine"), new byte[] {1});
        assertThatThrownBy(() -> Backends.open(BackendRequest.of(engine)))
                .hasMessageStartingWith(engine + ": running a TensorRT engine needs the TensorRT backend");
    }

    @Test
    void unknownKindListsWhatIsInstalled() throws Exception {
        Path file = Files.write(tmp.resolve("model.pt"), new byte[] {1});
        assertThatThrownBy(() -> Backends.open(BackendRequest.of(file)))
                .hasMessageStartingWith(file + ": no backend runs '.pt' files; installed: onnxruntime-cpu (.onnx)");
    }

    @Test
    void weightsWithAnOnnxModelAreRejected() throws Exception {
        Path model = Files.write(tmp.resolve("m.onnx"), new byte[] {1});
        BackendRequest request = new BackendRequest(model, Optional.of(tmp.resolve("m.weights")), 0);
        assertThatThrownBy(() -> Backends.open(request)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--weights is only for a darknet .cfg");
    }

    @Test
    void missingModelFile() {
        assertThatThrownBy(() -> Backends.open(BackendRequest.of(tmp.resolve("absent.onnx"))))
                .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void anAddedProviderTakesOverItsKindWithoutOtherChanges() throws Exception {
        Path cfg = Files.writeString(tmp.resolve("yolo.cfg"), "[net]\n");
        BackendProvider cfgRoute = new BackendProvider() {
            @Override
            public String name() {
                return "test-cfg";
            }

            @Override
            public boolean accepts(BackendRequest r) {
                return r.extension().equals("cfg");
            }

            @Override
            public InferenceBackend open(BackendRequest r) {
                throw new UnsupportedOperationException("reached the cfg provider");
            }
        };
        assertThatThrownBy(() -> Backends.open(BackendRequest.of(cfg), java.util.List.of(new OnnxRuntimeProvider(), cfgRoute)))
                .hasMessage("reached the cfg provider");
    }
}
