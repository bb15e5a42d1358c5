package dev.trtpipe.exporters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trtpipe.darknet.NmsKind;
import dev.trtpipe.detect.testing.TinyDetectorOnnx;
import dev.trtpipe.onnx.proto.Onnx;
import dev.trtpipe.trt.Precision;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeepStreamExporterTest {

    private static final List<String> NAMES = List.of("cat", "dog");

    @TempDir
    Path dir;

    private ModelDescription tiny(boolean letterbox, NmsKind nms) throws Exception {
        Files.createDirectories(dir.resolve("models"));
        return OnnxModelReader.read(TinyDetectorOnnx.writeDetector(dir.resolve("models/tiny.onnx"), 0,
                TinyDetectorOnnx.spec(letterbox, nms)));
    }

    private Map<String, Map<String, String>> export(ModelDescription model, DeepStreamExporter.Options options)
            throws Exception {
        List<Path> written = DeepStreamExporter.export(model, NAMES, dir.resolve("ds"), options, false);
        assertThat(written).containsExactly(dir.resolve("ds/config_infer_primary_tiny.txt"), dir.resolve("ds/labels.txt"));
        return KeyFileParser.parse(Files.readString(written.get(0)));
    }

    @Test
    void everyKeyWrittenIsADocumentedNvInferKeyWithADocumentedValue() throws Exception {
        for (ModelDescription model : List.of(tiny(true, NmsKind.DIOUNMS),
                OnnxModelReader.read(TinyDetectorOnnx.writeBatchedNmsIo(dir.resolve("nms.onnx"), Onnx.TensorProto.DataType.INT32)))) {
            String text = DeepStreamExporter.config(model, 2, dir, "labels.txt",
                    new DeepStreamExporter.Options("tiny", 0, OptionalInt.of(4), Optional.of(Precision.INT8), 0.3, 0.5,
                            Optional.empty()));
            Map<String, Map<String, String>> groups = KeyFileParser.parse(text);
            assertThat(groups.keySet()).containsExactly("property", "class-attrs-all");
            groups.get("property").forEach((k, v) -> {
                assertThat(NvInferDocumentedKeys.PROPERTY).as("documented [property] key").containsKey(k);
                assertThat(NvInferDocumentedKeys.PROPERTY.get(k).accepts(v)).as(k + "=" + v).isTrue();
            });
            groups.get("class-attrs-all").forEach((k, v) -> {
                assertThat(NvInferDocumentedKeys.CLASS_ATTRS).as("documented [class-attrs-all] key").containsKey(k);
                assertThat(NvInferDocumentedKeys.CLASS_ATTRS.get(k).accepts(v)).as(k + "=" + v).isTrue();
            });
        }
    }

    @Test
    void rawHeadsLetterboxedOnnx() throws Exception {
        ModelDescription model = tiny(true, NmsKind.DEFAULT);
        Map<String, String> p = export(model, DeepStreamExporter.Options.defaults("tiny")).get("property");

        assertThat(p).containsEntry("gpu-id", "0")
                .containsEntry("net-scale-factor", "0.0039215697906911373")
                .containsEntry("model-color-format", "0")
                .containsEntry("onnx-file", "../models/tiny.onnx")
                .containsEntry("labelfile-path", "labels.txt")
                .containsEntry("batch-size", "1")
                .containsEntry("network-mode", "0")
                .containsEntry("network-type", "0")
                .containsEntry("num-detected-classes", "2")
                .containsEntry("infer-dims", "3;64;64")
                .containsEntry("output-blob-names", "yolo_3;yolo_6")
                .containsEntry("maintain-aspect-ratio", "1")
                .containsEntry("symmetric-padding", "1")
                .containsEntry("cluster-mode", "2")
                .doesNotContainKeys("parse-bbox-func-name", "custom-lib-path", "model-engine-file");
        // the model path is resolved relative to the config file, as nvinfer does
        assertThat(dir.resolve("ds").resolve(p.get("onnx-file")).normalize()).isEqualTo(model.file());
        assertThat(Files.readString(dir.resolve("ds/labels.txt"))).isEqualTo("cat\ndog\n");
    }

    @Test
    void rawHeadsGetParserGuidanceWithTheirAnchorsInComments() throws Exception {
        String text = DeepStreamExporter.config(tiny(true, NmsKind.DEFAULT), 2, dir, "labels.txt",
                DeepStreamExporter.Options.defaults("tiny"));
        assertThat(text).contains("NvDsInferParseYolo")
                .contains("# parse-bbox-func-name=<your parser>")
                .contains("yolo_3: yolo, grid 2x2, anchors 81,82 135,169 344,319, scale_x_y 1.05, new_coords 0, classes 2")
                .contains("yolo_6: yolo, grid 4x4, anchors 10,14 23,27 37,58");
    }

    @Test
    void plainResizeTurnsAspectRatioOffAndDiouNmsIsFlagged() throws Exception {
        String text = DeepStreamExporter.config(tiny(false, NmsKind.GREEDYNMS), 2, dir, "labels.txt",
                DeepStreamExporter.Options.defaults("tiny"));
        Map<String, String> p = KeyFileParser.parse(text).get("property");
        assertThat(p).containsEntry("maintain-aspect-ratio", "0").containsEntry("symmetric-padding", "0");
        assertThat(text).contains("nms_kind=greedynms (DIoU); nvinfer's NMS is plain IoU");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fp32", "int8", "fp16"})
    void networkModeIsNvInfersNumbering(String precision) throws Exception {
        var options = new DeepStreamExporter.Options("tiny", 1, OptionalInt.of(8), Optional.of(Precision.parse(precision)),
                0.25, 0.45, Optional.empty());
        Map<String, String> p = KeyFileParser.parse(DeepStreamExporter.config(tiny(true, NmsKind.DEFAULT), 2, dir,
                "labels.txt", options)).get("property");
        // Gst-nvinfer: network-mode 0=FP32, 1=INT8, 2=FP16
        assertThat(p.get("network-mode")).isEqualTo(Map.of("fp32", "0", "int8", "1", "fp16", "2").get(precision));
        assertThat(p).containsEntry("gpu-id", "1").containsEntry("batch-size", "8");
    }

    @Test
    void thresholdsGoToClassAttrsAll() throws Exception {
        var options = new DeepStreamExporter.Options("tiny", 0, OptionalInt.empty(), Optional.empty(), 0.4, 0.6, Optional.empty());
        Map<String, String> attrs = export(tiny(true, NmsKind.DEFAULT), options).get("class-attrs-all");
        assertThat(attrs).containsOnly(Map.entry("pre-cluster-threshold", "0.4"), Map.entry("nms-iou-threshold", "0.6"));
    }

    @Test
    void inGraphNmsGetsTheTaoParserAndNoSecondClustering() throws Exception {
        for (var classes : List.of(Onnx.TensorProto.DataType.FLOAT, Onnx.TensorProto.DataType.INT32)) {
            ModelDescription model = OnnxModelReader.read(TinyDetectorOnnx.writeBatchedNmsIo(dir.resolve("nms.onnx"), classes));
            Map<String, Map<String, String>> g = KeyFileParser.parse(DeepStreamExporter.config(model, 3, dir, "labels.txt",
                    DeepStreamExporter.Options.defaults("nms")));
            String parser = classes == Onnx.TensorProto.DataType.FLOAT
                    ? "NvDsInferParseCustomBatchedNMSTLT" : "NvDsInferParseCustomEfficientNMSTLT";
            assertThat(g.get("property")).containsEntry("parse-bbox-func-name", parser)
                    .containsEntry("custom-lib-path", "post_processor/libnvds_infercustomparser_tao.so")
                    .containsEntry("cluster-mode", "4")
                    .containsEntry("num-detected-classes", "3")
                    .containsEntry("infer-dims", "3;384;1248")
                    .containsEntry("maintain-aspect-ratio", "0");
            assertThat(g.get("class-attrs-all")).containsOnlyKeys("pre-cluster-threshold");
        }
    }

    @Test
    void explicitParserOverridesTheChoice() throws Exception {
        var options = new DeepStreamExporter.Options("tiny", 0, OptionalInt.empty(), Optional.empty(), 0.25, 0.45,
                Optional.of(new BboxParser("MyYoloParser", "/opt/parsers/libmyyolo.so")));
        Map<String, String> p = KeyFileParser.parse(DeepStreamExporter.config(tiny(true, NmsKind.DEFAULT), 2, dir,
                "labels.txt", options)).get("property");
        assertThat(p).containsEntry("parse-bbox-func-name", "MyYoloParser")
                .containsEntry("custom-lib-path", "/opt/parsers/libmyyolo.so")
                .containsEntry("cluster-mode", "2");
    }

    @Test
    void refusesToOverwriteWithoutForceAndLeavesEveryFileAlone() throws Exception {
        ModelDescription model = tiny(true, NmsKind.DEFAULT);
        Path out = Files.createDirectories(dir.resolve("ds"));
        Files.writeString(out.resolve("labels.txt"), "mine\n");
        assertThatThrownBy(() -> DeepStreamExporter.export(model, NAMES, out, DeepStreamExporter.Options.defaults("tiny"), false))
                .isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageEndingWith("labels.txt: exists; pass the force option to overwrite it");
        assertThat(Files.readString(out.resolve("labels.txt"))).isEqualTo("mine\n");
        assertThat(out.resolve("config_infer_primary_tiny.txt")).doesNotExist();

        DeepStreamExporter.export(model, NAMES, out, DeepStreamExporter.Options.defaults("tiny"), true);
        assertThat(Files.readString(out.resolve("labels.txt"))).isEqualTo("cat\ndog\n");
        try (var files = Files.list(out)) {
            assertThat(files.map(f -> f.getFileName().toString())).as("no temp files left")
                    .containsExactlyInAnyOrder("labels.txt", "config_infer_primary_tiny.txt");
        }
    }

    @Test
    void fixedBatchModelCannotBeDeployedWithAnotherBatch() throws Exception {
        ModelDescription model = OnnxModelReader.read(TinyDetectorOnnx.writeDetector(dir.resolve("b1.onnx"), 1,
                TinyDetectorOnnx.spec(true, NmsKind.DEFAULT)));
        var options = new DeepStreamExporter.Options("b1", 0, OptionalInt.of(4), Optional.empty(), 0.25, 0.45, Optional.empty());
        assertThatThrownBy(() -> DeepStreamExporter.config(model, 2, dir, "labels.txt", options))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has a fixed batch of 1");
    }

    @Test
    void unknownOutputsWithoutMetadataNeedAnExplicitParser() throws Exception {
        ModelDescription raw = tiny(true, NmsKind.DEFAULT);
        ModelDescription noSpec = new ModelDescription(raw.file(), raw.format(), raw.inputs(), raw.outputs(), Optional.empty(),
                raw.precision(), raw.maxBatch(), Map.of());
        assertThatThrownBy(() -> DeepStreamExporter.config(noSpec, 2, dir, "labels.txt", DeepStreamExporter.Options.defaults("x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("pass a bbox parse function and its custom library for your nvinfer bbox parser");
    }
}
