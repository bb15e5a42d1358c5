package dev.trtpipe.etlt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaoConversionTest {

    private static final String PROFILE = "input_face_images,1x1x80x80,32x1x80x80,64x1x80x80";

    @TempDir
    Path dir;

    @Test
    void decryptsToATemporaryOnnxBesideTheEngineAndRemovesItOnClose() throws IOException {
        Path engine = dir.resolve("fpenet.engine");
        Path onnx;
        try (TaoConversion conversion = TaoConversion.prepare(TaoCommandLine.parse("-k", "nvidia_tlt", "-p", PROFILE,
                "-e", engine.toString(), Shared.ONNX_ETLT.toString()))) {
            onnx = conversion.onnx();
            assertThat(onnx.getParent()).isEqualTo(dir);
            assertThat(Shared.sha256(onnx)).isEqualTo(Shared.ONNX_PLAINTEXT_SHA256);
            assertThat(conversion.model().inputs()).extracting(TensorSummary::name).containsExactly("input_face_images");
            assertThat(conversion.plan().engine()).isEqualTo(engine);
            assertThat(conversion.warnings()).isEmpty();
        }
        assertThat(onnx).doesNotExist();
        assertThat(engine).doesNotExist();
    }

    @Test
    void aFlagErrorLeavesNoFilesBehind() throws IOException {
        assertThatThrownBy(() -> TaoConversion.prepare(TaoCommandLine.parse("-k", "nvidia_tlt", "-e", dir.resolve("x.engine").toString(),
                Shared.ONNX_ETLT.toString())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-p input_face_images,");
        assertThat(filesIn(dir)).isZero();
    }

    @Test
    void translatesUffWithTheChosenOutputsAndRemovesItOnClose() throws IOException {
        Path onnx;
        try (TaoConversion conversion = TaoConversion.prepare(TaoCommandLine.parse("-k", "nvidia_tlt", "-d", "3,480,640",
                "-o", "output_bbox/BiasAdd", "-m", "16", "-t", "fp16", "-i", "nchw", "-e", dir.resolve("x.engine").toString(),
                Shared.UFF_ETLT.toString()))) {
            onnx = conversion.onnx();
            assertThat(onnx.getParent()).isEqualTo(dir);
            var model = dev.trtpipe.onnx.proto.Onnx.ModelProto.parseFrom(Files.readAllBytes(onnx));
            assertThat(model.getGraph().getInputList()).extracting(i -> i.getName()).containsExactly("input_1");
            assertThat(model.getGraph().getOutputList()).extracting(o -> o.getName()).containsExactly("output_bbox/BiasAdd");
            assertThat(conversion.model().kind()).isEqualTo(PayloadKind.UFF);
        }
        assertThat(onnx).doesNotExist();
        assertThat(filesIn(dir)).isZero();
    }

    @Test
    void aUffFlagErrorLeavesNoFilesBehind() throws IOException {
        assertThatThrownBy(() -> TaoConversion.prepare(TaoCommandLine.parse("-k", "nvidia_tlt", "-d", "3,300,300",
                "-e", dir.resolve("x.engine").toString(), Shared.UFF_ETLT.toString())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-d 3,480,640");
        assertThat(filesIn(dir)).isZero();
    }

    @Test
    void reportsAWrongKey() {
        assertThatThrownBy(() -> TaoConversion.prepare(TaoCommandLine.parse("-k", "tlt_encode", "-p", PROFILE,
                "-e", dir.resolve("x.engine").toString(), Shared.ONNX_ETLT.toString())))
                .isInstanceOf(WrongKeyException.class);
    }

    private static long filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }
}
