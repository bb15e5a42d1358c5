package dev.trtpipe.onnx;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trtpipe.darknet.HeadMode;
import dev.trtpipe.darknet.ref.SharedFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bytedeco.onnx.global.onnx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The official ONNX checker (C++, full check with shape inference) accepts every model we write. */
class OnnxCheckerTest {

    @TempDir
    Path tmp;

    static Stream<Arguments> modelsAndOptions() {
        List<ConversionOptions> variants = List.of(
                ConversionOptions.defaults(),
                ConversionOptions.defaults().withOpset(11).withDynamicBatch(true),
                ConversionOptions.defaults().withOpset(18).withFoldedBatchNorm(true).withExposedLayers(true));
        List<Arguments> out = new ArrayList<>();
        List<Path[]> models = new ArrayList<>();
        SharedFiles.miniFixtures().forEach(d -> models.add(new Path[]{d.resolve("model.cfg"), d.resolve("model.weights")}));
        Path trained = SharedFiles.resolve("models/darknet/trained/yolo-fastest-1.1_coco");
        models.add(new Path[]{trained.resolve("yolo-fastest-1.1.cfg"), trained.resolve("yolo-fastest-1.1.weights")});
        for (Path[] m : models) {
            for (ConversionOptions o : variants) {
                out.add(Arguments.of(m[0].getParent().getFileName().toString(), m[0], m[1], o));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {3}")
    @MethodSource("modelsAndOptions")
    void checkerAccepts(String name, Path cfg, Path weights, ConversionOptions options) throws Exception {
        Path file = tmp.resolve(name + ".onnx");
        OnnxModelWriter.write(Fixtures.load(cfg, weights).convert(options), file);
        assertThatCode(() -> onnx.check_model(file.toString(), true, false, false)).doesNotThrowAnyException();
    }

    static Stream<Arguments> headModes() {
        HeadMode.Nms onnxNms = new HeadMode.Nms(HeadMode.NmsOp.ONNX, 0.25f, 0.45f, 100);
        HeadMode.Nms plugin = new HeadMode.Nms(HeadMode.NmsOp.EFFICIENT_NMS_TRT, 0.25f, 0.45f, 100);
        List<Arguments> out = new ArrayList<>();
        for (String mini : List.of("yolov3-tiny", "yolov4-csp", "yolov2-tiny")) {
            out.add(Arguments.of(mini, HeadMode.decode(), ConversionOptions.defaults()));
            out.add(Arguments.of(mini, onnxNms, ConversionOptions.defaults().withOpset(11).withDynamicBatch(true)));
            out.add(Arguments.of(mini, onnxNms, ConversionOptions.defaults().withOpset(18)));
            out.add(Arguments.of(mini, plugin, ConversionOptions.defaults()));
        }
        return out.stream();
    }

    /** Decode and NMS heads too (the plugin node's custom domain is not checked, by the checker's design). */
    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("headModes")
    void checkerAcceptsInGraphHeads(String mini, HeadMode mode, ConversionOptions options) throws Exception {
        Path file = tmp.resolve(mini + "-" + mode.cliName() + ".onnx");
        OnnxModelWriter.write(Fixtures.mini(SharedFiles.resolve("ref/mini/" + mini)).convert(options).apply(HeadPasses.of(mode)), file);
        assertThatCode(() -> onnx.check_model(file.toString(), true, false, false)).doesNotThrowAnyException();
    }

    /** The checker is not a rubber stamp: it rejects a graph whose node reads an undefined tensor. */
    @Test
    void checkerRejectsABrokenGraph() throws Exception {
        Path dir = SharedFiles.resolve("ref/mini/yolov3-tiny");
        ConvertedModel model = Fixtures.mini(dir).convert(ConversionOptions.defaults());
        byte[] bytes = model.toModelProto().toBuilder()
                .setGraph(model.toModelProto().getGraph().toBuilder().setNode(0,
                        model.toModelProto().getGraph().getNode(0).toBuilder().setInput(0, "nope")))
                .build().toByteArray();
        Path file = Files.write(tmp.resolve("broken.onnx"), bytes);
        assertThatThrownBy(() -> onnx.check_model(file.toString(), true, false, false)).hasMessageContaining("nope");
    }
}
