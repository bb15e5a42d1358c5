package dev.trtpipe.detect.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trtpipe.detect.InferenceBackend;
import dev.trtpipe.detect.onnxrt.OnnxRuntimeProvider;
import dev.trtpipe.detect.testing.TinyOnnx;
import dev.trtpipe.detect.SharedBackend;
import dev.trtpipe.detect.testing.ForwardingBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        assertThatThrownBy(() -> Backends.open(request)).isInstanceOf(WeightsNotNeededException.class)
                .hasMessageContaining("an ONNX model carries its weights; a separate weights file is only for a darknet .cfg")
                .hasMessageNotContaining("--");
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
        assertThatThrownBy(() -> Backends.open(BackendRequest.of(cfg), List.of(new OnnxRuntimeProvider(), cfgRoute)))
                .hasMessage("reached the cfg provider");
    }

    @Test
    void severalInstancesAreSharedAndEachIsClosedOnce() throws Exception {
        Path model = Files.write(tmp.resolve("m.onnx"), TinyOnnx.identity(TinyOnnx.FLOAT, new Long[] {1L, 3L, 2L, 2L}, Map.of()));
        List<InferenceBackend> opened = new ArrayList<>();
        List<InferenceBackend> closed = new ArrayList<>();

        try (SharedBackend shared = SharedBackend.of(Backends.openEach(3, openSoFar -> {
            assertThat(openSoFar).containsExactlyElementsOf(opened);
            InferenceBackend b = closeRecording(Backends.open(BackendRequest.of(model)), closed);
            opened.add(b);
            return b;
        }))) {
            assertThat(shared.instanceCount()).isEqualTo(3);
            assertThat(shared.infer(new float[12], new long[] {1, 3, 2, 2})).isNotEmpty();
        }
        assertThat(closed).containsExactlyInAnyOrderElementsOf(opened);
        try (SharedBackend shared = Backends.openShared(BackendRequest.of(model), 2)) {
            assertThat(shared.instances()).hasSize(2).doesNotHaveDuplicates();
        }
    }

    @Test
    void whenAnInstanceFailsToOpenTheOnesAlreadyOpenAreClosed() throws Exception {
        Path model = Files.write(tmp.resolve("m.onnx"), TinyOnnx.identity(TinyOnnx.FLOAT, new Long[] {1L, 3L, 2L, 2L}, Map.of()));
        List<InferenceBackend> closed = new ArrayList<>();

        assertThatThrownBy(() -> Backends.openEach(3, openSoFar -> {
            if (openSoFar.size() == 2) {
                throw new IOException("out of GPU memory");
            }
            return closeRecording(Backends.open(BackendRequest.of(model)), closed);
        })).isInstanceOf(IOException.class).hasMessage("out of GPU memory");
        assertThat(closed).hasSize(2);
        assertThatThrownBy(() -> Backends.openShared(BackendRequest.of(model), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static InferenceBackend closeRecording(InferenceBackend backend, List<InferenceBackend> closed) {
        return new ForwardingBackend(backend) {
            @Override
            public void close() {
                closed.add(this);
                super.close();
                backend.close(); // a forwarding double leaves its delegate open
            }
        };
    }
}
