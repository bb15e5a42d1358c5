package dev.trtpipe.exporters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trtpipe.darknet.DarknetModel;
import dev.trtpipe.darknet.DarknetWeights;
import dev.trtpipe.darknet.HeadMode;
import dev.trtpipe.onnx.ConversionOptions;
import dev.trtpipe.onnx.DarknetOnnxConverter;
import dev.trtpipe.onnx.HeadPasses;
import dev.trtpipe.onnx.OnnxModelWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Models converted with {@code darknet2onnx --head nms} carry {@code EfficientNMS_TRT}'s output layout
 * whichever NMS op they use, so the DeepStream export picks NVIDIA's EfficientNMS parser and turns
 * nvinfer's own clustering off — with no change to the exporter.
 */
class InGraphHeadLayoutTest {

    private static final Path TINY = Path.of(System.getProperty("trtpipe.shared", "../shared")).resolve("ref/mini/yolov3-tiny");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(HeadMode.NmsOp.class)
    void nmsHeadsAreEfficientNmsLayoutForDeepStream(HeadMode.NmsOp op) throws Exception {
        ModelDescription model = OnnxModelReader.read(convert(new HeadMode.Nms(op, 0.25f, 0.45f, 100)));

        assertThat(OutputLayout.of(model)).contains(OutputLayout.EFFICIENT_NMS);
        Map<String, String> property = KeyFileParser.parse(DeepStreamExporter.config(model, 2, dir, "labels.txt",
                DeepStreamExporter.Options.defaults("tiny"))).get("property");
        assertThat(property).containsEntry("parse-bbox-func-name", BboxParser.EFFICIENT_NMS.functionName())
                .containsEntry("cluster-mode", String.valueOf(DeepStreamExporter.CLUSTER_NONE))
                .containsEntry("output-blob-names", "num_dets;det_boxes;det_scores;det_classes");
    }

    @Test
    void decodedHeadsNeedAParserOfYourOwn() throws Exception {
        ModelDescription model = OnnxModelReader.read(convert(HeadMode.decode()));

        assertThat(OutputLayout.of(model)).isEqualTo(Optional.empty());
    }

    private Path convert(HeadMode mode) throws Exception {
        DarknetModel darknet = DarknetModel.parse(TINY.resolve("model.cfg"));
        DarknetWeights weights = DarknetWeights.read(TINY.resolve("model.weights"), darknet, false);
        Path onnx = dir.resolve("tiny-" + mode.cliName() + ".onnx");
        OnnxModelWriter.write(DarknetOnnxConverter.convert(darknet, weights, ConversionOptions.defaults()).apply(HeadPasses.of(mode)), onnx);
        return onnx;
    }
}
