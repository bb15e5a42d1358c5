package dev.trtpipe.uff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trtpipe.onnx.proto.Onnx.ModelProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The translated models, encoded by trtpipe's own encoder (kernels transposed straight into the model's
 * bytes), are byte for byte what protobuf-java writes for the same model: each parses and re-serializes to
 * the same bytes (protobuf-java writes fields in field-number order, so only a canonical encoding survives
 * the round trip unchanged), and the file {@code write} leaves holds exactly those bytes.
 */
class UffOnnxEncodingTest {

    @TempDir
    Path dir;

    @Test
    void usaPrunedAndThePluginTestGraphsEncodeAsProtobufJavaSerializesThem() throws Exception {
        Map<String, Supplier<UffGraphBuilder>> graphs = Map.of("ssd", TltPluginGraphs::ssd, "retinanet", TltPluginGraphs::retinanet,
                "yolov3", TltPluginGraphs::yolov3, "faster-rcnn", TltPluginGraphs::fasterRcnn,
                "crop-and-resize", TltPluginGraphs::cropAndResizeHead, "proposal", TltPluginGraphs::proposalHead,
                "batched-nms", TltPluginGraphs::batchedNmsHead);
        byte[] usaPruned = checkEncoding("usa_pruned", UffToOnnx.standard().translate(SharedUff.usaPruned()));
        assertThat(ModelProto.parseFrom(usaPruned).getGraph().getInitializerList()).filteredOn(t -> t.getDimsCount() == 4)
                .hasSize(23); // the transposed kernels
        for (var g : graphs.entrySet()) {
            checkEncoding(g.getKey(), UffToOnnx.standard().translate(g.getValue().get().graph(g.getKey())));
        }
    }

    private byte[] checkEncoding(String name, UffToOnnx.Result translated) throws Exception {
        byte[] bytes = translated.toBytes();
        ModelProto parsed = ModelProto.parseFrom(bytes);
        assertThat(parsed.toByteArray()).as(name).isEqualTo(bytes);
        Path file = dir.resolve(name + ".onnx");
        assertThat(translated.write(file)).as(name).isEqualTo(bytes.length);
        assertThat(Files.readAllBytes(file)).as(name).isEqualTo(bytes);
        return bytes;
    }
}
