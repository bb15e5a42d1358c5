package dev.trtpipe.cli;

import static dev.trtpipe.cli.EtltCommandsTest.filesIn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trtpipe.onnx.proto.Onnx.ModelProto;
import dev.trtpipe.onnx.proto.Onnx.NodeProto;
import dev.trtpipe.uff.UffGraphBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bare .uff (no encryption, no key) shaped like a TLT SSD head: etlt2onnx and inspect-etlt on it. */
class BareUffCommandsTest {

    @TempDir
    Path dir;

    private Path ssdLikeUff() throws IOException {
        UffGraphBuilder b = new UffGraphBuilder().input("Input", -1, 3, 8, 8);
        b.floats("conv/kernel", new long[] {1, 1, 3, 4}, new float[12]);
        b.node("conv", "Conv", "Input", "conv/kernel").ints("strides", 1, 1).add();
        b.node("conf", "Conv", "Input", "conv/kernel").ints("strides", 1, 1).add();
        b.floats("priors", new long[] {1, 2, 16, 1}, new float[32]);
        // NMS_TRT takes three inputs (loc, conf, priors), as TLT's SSD exports it
        b.node("NMS", "_NMS_TRT", "conv", "conf", "priors").integer("keepTopK", 10).number("nmsThreshold", 0.5).add();
        b.markOutput("NMS");
        Path uff = dir.resolve("ssd.uff");
        Files.write(uff, b.build().toByteArray());
        return uff;
    }

    @Test
    void etlt2onnxTranslatesABareUffWithoutAKeyAndNotesThePluginSuccessor() throws IOException {
        Path uff = ssdLikeUff();
        Path onnx = dir.resolve("ssd.onnx");

        CliRun run = CliRun.of("etlt2onnx", uff.toString(), "-o", onnx.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).endsWith(", translated from UFF)\n");
        assertThat(run.err()).contains("note: NMS: NMS_TRT is implicit-batch; written as its TensorRT 10 successor NMSDynamic_TRT");
        ModelProto model = ModelProto.parseFrom(Files.readAllBytes(onnx));
        assertThat(model.getGraph().getNodeList()).extracting(NodeProto::getOpType).containsOnlyOnce("NMSDynamic_TRT").contains("Conv");
        assertThat(filesIn(dir)).containsExactly("ssd.onnx", "ssd.uff");
    }

    @Test
    void inspectListsThePluginNodeAndItsTranslation() throws IOException {
        CliRun run = CliRun.of("inspect-etlt", ssdLikeUff().toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("plugins:  _NMS_TRT (not in TensorRT 11)", "  Conv                   → Conv (strides [1, 1], pads [0, 0, 0, 0])",
                "plugin:   NMS (_NMS_TRT) → TensorRT plugin NMSDynamic_TRT (successor of implicit-batch NMS_TRT)");
    }

    @Test
    void anUnknownOpIsOneLineAndNoFile() throws IOException {
        UffGraphBuilder b = new UffGraphBuilder().input("Input", -1, 3, 8, 8);
        b.node("odd", "Frobnicate", "Input").add();
        b.markOutput("odd");
        Path uff = dir.resolve("odd.uff");
        Files.write(uff, b.build().toByteArray());

        CliRun run = CliRun.of("etlt2onnx", uff.toString(), "-o", dir.resolve("odd.onnx").toString());

        assertThat(run.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).isEqualTo("trtpipe etlt2onnx: " + uff + ": UFF node 'odd' has operation 'Frobnicate', which trtpipe"
                + " cannot translate to ONNX; nothing was written (docs/uff.md lists the supported ops)\n");
        assertThat(filesIn(dir)).containsExactly("odd.uff");
    }
}
