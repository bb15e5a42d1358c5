package dev.trtpipe.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trtpipe.darknet.DetectionSpec;
import dev.trtpipe.darknet.TestSections;
import dev.trtpipe.darknet.ref.ReferenceDump;
import dev.trtpipe.darknet.ref.SharedFiles;
import dev.trtpipe.onnx.proto.Onnx.ModelProto;
import dev.trtpipe.onnx.proto.Onnx.NodeProto;
import dev.trtpipe.onnx.proto.Onnx.StringStringEntryProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Names, metadata, options and the written bytes of a converted model. */
class ConvertedModelTest {

    private static final Path TINY = SharedFiles.resolve("ref/mini/yolov3-tiny");
    private static final Path YOLOV4 = SharedFiles.resolve("ref/mini/yolov4");

    @TempDir
    Path tmp;

    @Test
    void namesDocStringsAndMetadataAreReadable() throws Exception {
        Fixtures f = Fixtures.mini(TINY);
        ModelProto model = f.convert(ConversionOptions.defaults()).toModelProto();
        assertThat(model.getGraph().getOutputList()).extracting(o -> o.getName()).containsExactly("015_convolutional", "022_convolutional");
        NodeProto bn = model.getGraph().getNodeList().stream().filter(n -> n.getName().equals("000_convolutional/bn")).findFirst().orElseThrow();
        assertThat(bn.getOpType()).isEqualTo("BatchNormalization");
        assertThat(bn.getDocString()).startsWith("darknet [convolutional] model.cfg:25 filters=2 size=3");
        assertThat(model.getGraph().getInitializerList()).extracting(t -> t.getName()).contains("000_convolutional/weights", "015_convolutional/bias");
        assertThat(model.getOpsetImport(0).getVersion()).isEqualTo(13);
        assertThat(model.getIrVersion()).isEqualTo(7);

        Map<String, String> meta = model.getMetadataPropsList().stream()
                .collect(Collectors.toMap(StringStringEntryProto::getKey, StringStringEntryProto::getValue));
        assertThat(DetectionSpec.fromMetadata(meta)).isEqualTo(f.model().detectionSpec().orElseThrow());
        assertThat(meta).containsEntry("trtpipe.source_cfg", "model.cfg").containsEntry("trtpipe.source_weights", "model.weights")
                .containsEntry("darknet.head.0.mask", "3,4,5").containsEntry("darknet.input", "3x128x160")
                .containsEntry(ConvertedModel.WEIGHTS_SHA256_KEY, HexFormat.of().formatHex(
                        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(TINY.resolve("model.weights")))));
    }

    @Test
    void sameInputGivesByteIdenticalFilesEqualToTheInMemoryModel() throws Exception {
        Path a = tmp.resolve("a.onnx");
        Path b = tmp.resolve("b.onnx");
        OnnxModelWriter.Result written = OnnxModelWriter.write(Fixtures.mini(TINY).convert(ConversionOptions.defaults()), a);
        OnnxModelWriter.write(Fixtures.mini(TINY).convert(ConversionOptions.defaults()), b);
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b))
                .isEqualTo(Fixtures.mini(TINY).onnx(ConversionOptions.defaults()));
        assertThat(written.bytes()).isEqualTo(Files.size(a));
        assertThat(ModelProto.parseFrom(Files.readAllBytes(a)).getMetadataPropsCount()).isGreaterThan(10);
        try (var files = Files.list(tmp)) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder("a.onnx", "b.onnx");
        }
    }

    @Test
    void aFailedWriteLeavesNoFile() throws Exception {
        Path blocker = Files.writeString(tmp.resolve("not-a-dir"), "x");
        ConvertedModel model = Fixtures.mini(TINY).convert(ConversionOptions.defaults());
        assertThatThrownBy(() -> OnnxModelWriter.write(model, blocker.resolve("out.onnx"))).isInstanceOf(java.io.IOException.class);
        Path target = tmp.resolve("out.onnx");
        OnnxModelWriter.write(model, target);
        try (var files = Files.list(tmp)) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder("not-a-dir", "out.onnx");
        }
    }

    /** Opsets 11 and 18 (Mish as one node) and folded BN reproduce yolov4's mish heads; AB dumps, 1e-4. */
    @ParameterizedTest
    @ValueSource(strings = {"opset=11", "opset=18", "fold"})
    void optionsKeepTheHeadsExact(String variant) throws Exception {
        ConversionOptions options = switch (variant) {
            case "opset=11" -> ConversionOptions.defaults().withOpset(11);
            case "opset=18" -> ConversionOptions.defaults().withOpset(18);
            default -> ConversionOptions.defaults().withFoldedBatchNorm(true);
        };
        Fixtures f = Fixtures.mini(YOLOV4);
        ConvertedModel converted = f.convert(options);
        ModelProto proto = converted.toModelProto();
        assertThat(proto.getGraph().getNodeList().stream().anyMatch(n -> n.getOpType().equals("Mish")))
                .isEqualTo(variant.equals("opset=18"));
        assertThat(proto.getGraph().getNodeList().stream().anyMatch(n -> n.getOpType().equals("BatchNormalization")))
                .isEqualTo(!variant.equals("fold"));
        ReferenceDump dump = ReferenceDump.read(YOLOV4.resolve("alexeyab"));
        Map<String, float[]> out = OrtRunner.run(proto.toByteArray(), dump.input(), f.inputDims(1));
        for (HeadOutput head : converted.heads()) {
            assertThat(Tensors.relativeError(out.get(head.tensor()), dump.tensor(dump.layer(head.head().layerIndex() - 1).orElseThrow())))
                    .as(head.tensor()).isLessThanOrEqualTo(1e-4);
        }
    }

    @Test
    void dynamicBatchRunsTwoImagesAtOnce() throws Exception {
        Fixtures f = Fixtures.mini(TINY);
        ReferenceDump dump = ReferenceDump.read(TINY.resolve("alexeyab"));
        float[] one = dump.input();
        float[] two = Arrays.copyOf(one, 2 * one.length);
        System.arraycopy(one, 0, two, one.length, one.length);
        Map<String, float[]> out = OrtRunner.run(f.onnx(ConversionOptions.defaults().withDynamicBatch(true)), two, f.inputDims(2));
        float[] expected = dump.tensor(dump.layer(22).orElseThrow());
        float[] batch = out.get("022_convolutional");
        assertThat(Tensors.relativeError(Arrays.copyOfRange(batch, 0, expected.length), expected)).isLessThanOrEqualTo(1e-4);
        assertThat(Tensors.relativeError(Arrays.copyOfRange(batch, expected.length, batch.length), expected)).isLessThanOrEqualTo(1e-4);
    }

    @Test
    void exposedLayersAreNamedAfterDarknetLayers() throws Exception {
        Fixtures f = Fixtures.mini(SharedFiles.resolve("ref/mini/yolo-fastest-1.1"));
        ModelProto model = f.convert(ConversionOptions.defaults().withExposedLayers(true)).toModelProto();
        assertThat(model.getGraph().getOutputList()).extracting(o -> o.getName())
                .startsWith("120_convolutional", "129_convolutional")
                .contains("000_convolutional", "007_dropout", "113_maxpool")
                .doesNotContain("121_yolo");
    }

    @Test
    void everyLayerTypeHasATranslator() {
        assertThat(TestSections.standardLayerTypes()).isNotEmpty().allMatch(LayerTranslators.standard()::supports);
    }
}
