package dev.trtpipe.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trtpipe.darknet.DarknetModel;
import dev.trtpipe.darknet.HeadMode;
import dev.trtpipe.darknet.ref.SharedFiles;
import dev.trtpipe.onnx.proto.Onnx.ModelProto;
import dev.trtpipe.onnx.proto.Onnx.ValueInfoProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one darknet to ONNX pipeline: its steps in order, checked against the files and the documented outputs. */
class DarknetOnnxPipelineTest {

    private static final Path TINY = SharedFiles.resolve("ref/mini/yolov3-tiny");

    @TempDir
    Path tmp;

    @Test
    void writesTheHeadModeAskedForWithTheWeightsItRead() throws Exception {
        Path onnx = tmp.resolve("out/tiny.onnx");
        var settings = new DarknetOnnxPipeline.Settings(ConversionOptions.defaults(), HeadMode.decode(), false,
                DarknetModel.DEFAULT_MEMORY_LIMIT_BYTES);
        List<String> warnings = new ArrayList<>();

        DarknetOnnxPipeline.Written written = DarknetOnnxPipeline.write(TINY.resolve("model.cfg"), TINY.resolve("model.weights"),
                onnx, settings, warnings::add);

        ModelProto model = ModelProto.parseFrom(Files.readAllBytes(onnx));
        // docs/architecture.md: decode mode outputs boxes [N,K,4], objectness [N,K,1], scores [N,K,C]
        assertThat(model.getGraph().getOutputList()).extracting(ValueInfoProto::getName)
                .containsExactly("boxes", "objectness", "scores");
        assertThat(OnnxModelInfo.metadata(model)).containsEntry("darknet.head_mode", "decode")
                .containsEntry(ConvertedModel.WEIGHTS_SHA256_KEY, HexFormat.of().formatHex(
                        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(TINY.resolve("model.weights")))));
        assertThat(written.file().bytes()).isEqualTo(Files.size(onnx));
        assertThat(warnings).isEmpty();
    }

    @Test
    void aHeadModeWithoutHeadsIsRefusedBeforeTheWeightsAreOpened() throws Exception {
        Path cfg = Files.writeString(tmp.resolve("backbone.cfg"),
                "[net]\nwidth=32\nheight=32\nchannels=3\n\n[convolutional]\nfilters=4\nsize=3\nstride=1\npad=1\nactivation=leaky\n");
        Path missingWeights = tmp.resolve("never-written.weights");
        var settings = new DarknetOnnxPipeline.Settings(ConversionOptions.defaults(), new HeadMode.Nms(HeadMode.NmsOp.ONNX, 0.25f, 0.45f, 100), false,
                DarknetModel.DEFAULT_MEMORY_LIMIT_BYTES);

        assertThatThrownBy(() -> DarknetOnnxPipeline.write(cfg, missingWeights, tmp.resolve("x.onnx"), settings, w -> { }))
                .isInstanceOfSatisfying(DarknetOnnxPipeline.NoDetectionHeadException.class, e -> {
                    assertThat(e.fileName()).isEqualTo(cfg.toString());
                    assertThat(e.headMode().cliName()).isEqualTo("nms");
                })
                .hasMessage(cfg + ": has no [yolo] or [region] layer, so there are no detections to nms in the graph;"
                        + " convert it with the raw head mode");
        assertThat(tmp.resolve("x.onnx")).doesNotExist();
    }
}
