package dev.trtpipe.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trtpipe.onnx.proto.Onnx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link OnnxMetadata#withMetadata}: the model's bytes with the keys set, the file on disk left as it was. */
class OnnxMetadataBytesTest {

    @TempDir
    Path tmp;

    @Test
    void returnsTheModelWithTheKeysAndLeavesTheFileAlone() throws Exception {
        Onnx.ModelProto model = Onnx.ModelProto.newBuilder().setIrVersion(7)
                .setGraph(Onnx.GraphProto.newBuilder().setName("g")
                        .addNode(Onnx.NodeProto.newBuilder().setOpType("Sigmoid").addInput("x").addOutput("y")))
                .addMetadataProps(Onnx.StringStringEntryProto.newBuilder().setKey("tao.labels").setValue("old"))
                .build();
        Path in = Files.write(tmp.resolve("in.onnx"), model.toByteArray());

        byte[] bytes = OnnxMetadata.withMetadata(in, Map.of("tao.labels", "lpd"));

        Onnx.ModelProto withKeys = Onnx.ModelProto.parseFrom(bytes);
        assertThat(withKeys.getMetadataPropsList()).extracting(Onnx.StringStringEntryProto::getKey, Onnx.StringStringEntryProto::getValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("tao.labels", "lpd"));
        assertThat(withKeys.getGraph()).isEqualTo(model.getGraph());
        assertThat(Files.readAllBytes(in)).isEqualTo(model.toByteArray());
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).isEqualTo(List.of("in.onnx"));
        }
    }
}
