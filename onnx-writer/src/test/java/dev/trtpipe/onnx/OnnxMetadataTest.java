package dev.trtpipe.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trtpipe.onnx.proto.Onnx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** metadata_props rewritten, everything else byte-for-byte the same message. */
class OnnxMetadataTest {

    @TempDir
    Path tmp;

    @Test
    void addsAndReplacesKeysAndKeepsTheGraph() throws Exception {
        Onnx.ModelProto model = Onnx.ModelProto.newBuilder().setIrVersion(7).setProducerName("test")
                .setGraph(Onnx.GraphProto.newBuilder().setName("g")
                        .addNode(Onnx.NodeProto.newBuilder().setOpType("Relu").addInput("x").addOutput("y")))
                .addMetadataProps(Onnx.StringStringEntryProto.newBuilder().setKey("keep").setValue("1"))
                .addMetadataProps(Onnx.StringStringEntryProto.newBuilder().setKey("tao.cluster-mode").setValue("0"))
                .build();
        Path in = Files.write(tmp.resolve("in.onnx"), model.toByteArray());
        Path out = tmp.resolve("out.onnx");

        OnnxMetadata.write(in, out, Map.of("tao.cluster-mode", "3", "tao.labels", "lpd"));

        assertThat(OnnxMetadata.read(out)).containsExactly(Map.entry("keep", "1"), Map.entry("tao.cluster-mode", "3"),
                Map.entry("tao.labels", "lpd"));
        Onnx.ModelProto written = Onnx.ModelProto.parseFrom(Files.readAllBytes(out));
        assertThat(written.getGraph()).isEqualTo(model.getGraph());
        assertThat(written.getProducerName()).isEqualTo("test");
        assertThat(Files.readAllBytes(in)).isEqualTo(model.toByteArray()); // the input is untouched
    }

    @Test
    void aFileThatIsNoOnnxIsRejectedAndNothingIsWritten() throws Exception {
        Path in = Files.writeString(tmp.resolve("config.txt"), "[property]\nnet-scale-factor=1\n");
        Path out = tmp.resolve("out.onnx");
        assertThatThrownBy(() -> OnnxMetadata.write(in, out, Map.of("a", "b"))).isInstanceOf(IOException.class)
                .hasMessageStartingWith(in + ": not an ONNX model");
        assertThat(Files.exists(out)).isFalse();
    }
}
