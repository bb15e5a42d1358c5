package dev.trtpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trtpipe.onnx.proto.Onnx.ModelProto;
import dev.trtpipe.onnx.proto.Onnx.NodeProto;
import dev.trtpipe.uff.UffGraphBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code etlt2onnx --nms plugin|onnx} on a bare .uff holding an NMS_TRT head. */
class Etlt2OnnxNmsOptionTest {

    @TempDir
    Path dir;

    private Path nmsUff() throws IOException {
        UffGraphBuilder b = new UffGraphBuilder().input("loc", -1, 8, 1, 1).input("conf", -1, 4, 1, 1);
        b.floats("priors", new long[] {1, 2, 8, 1}, 0, 0, 0.5f, 0.5f, 0.5f, 0.5f, 1, 1, 0.1f, 0.1f, 0.2f, 0.2f, 0.1f, 0.1f, 0.2f, 0.2f);
        b.node("NMS", "_NMS_TRT", "loc", "priors", "conf").integer("numClasses", 2).integer("backgroundLabelId", 0)
                .integer("topK", 2).integer("keepTopK", 4).number("confidenceThreshold", 0.1).number("nmsThreshold", 0.5)
                .ints("inputOrder", 0, 2, 1).integer("shareLocation", 1).integer("isNormalized", 1).integer("codeType", 1).add();
        Path uff = dir.resolve("ssd-head.uff");
        Files.write(uff, b.markOutput("NMS").build().toByteArray());
        return uff;
    }

    @Test
    void onnxWritesNoPluginAndPluginIsTheDefault() throws IOException {
        Path uff = nmsUff();
        Path plain = dir.resolve("plain.onnx");
        CliRun run = CliRun.of("etlt2onnx", uff.toString(), "--nms", "onnx", "-o", plain.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).contains("NMS_TRT written as plain ONNX ops");
        assertThat(ops(plain)).contains("NonMaxSuppression", "TopK").noneMatch(op -> op.endsWith("_TRT"));

        Path plugin = dir.resolve("plugin.onnx");
        assertThat(CliRun.of("etlt2onnx", uff.toString(), "-o", plugin.toString()).exit()).isZero();
        assertThat(ops(plugin)).contains("NMSDynamic_TRT").doesNotContain("NonMaxSuppression");
    }

    @Test
    void aUffGraphWrappedByOnnx2EtltTranslatesBack() throws IOException {
        Path etlt = dir.resolve("ssd-head.etlt");
        CliRun wrap = CliRun.of("onnx2etlt", nmsUff().toString(), "-k", "nvidia_tlt", "-o", etlt.toString());
        assertThat(wrap.exit()).as(wrap.err()).isZero();
        assertThat(wrap.out()).contains("UFF payload");
        Path onnx = dir.resolve("back.onnx");
        CliRun back = CliRun.of("etlt2onnx", "-k", "nvidia_tlt", etlt.toString(), "--nms", "onnx", "-o", onnx.toString());
        assertThat(back.exit()).as(back.err()).isZero();
        assertThat(ops(onnx)).contains("NonMaxSuppression");
    }

    @Test
    void anUnknownChoiceIsAUsageErrorAndWritesNothing() throws IOException {
        Path uff = nmsUff();
        CliRun run = CliRun.of("etlt2onnx", uff.toString(), "--nms", "efficient", "-o", dir.resolve("x.onnx").toString());
        assertThat(run.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("--nms takes 'plugin' or 'onnx', got 'efficient'");
        assertThat(dir.resolve("x.onnx")).doesNotExist();
    }

    private static java.util.List<String> ops(Path onnx) throws IOException {
        return ModelProto.parseFrom(Files.readAllBytes(onnx)).getGraph().getNodeList().stream().map(NodeProto::getOpType).toList();
    }
}
