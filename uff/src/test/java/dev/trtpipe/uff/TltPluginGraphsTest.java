package dev.trtpipe.uff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trtpipe.onnx.proto.Onnx.AttributeProto;
import dev.trtpipe.onnx.proto.Onnx.ModelProto;
import dev.trtpipe.onnx.proto.Onnx.NodeProto;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The TLT-shaped plugin graphs translate to ONNX plugin nodes that TensorRT 10's plugin registry can build:
 * the op type is the creator's name (the explicit-batch successor where there is one), and every attribute
 * is a field the creator declares, with its type (INT32 fields as ONNX ints, FLOAT32 as floats).
 */
class TltPluginGraphsTest {

    private enum Kind { INT, FLOAT }

    /** Creator fields per plugin, from TensorRT's plugin READMEs / creators (gridAnchorPlugin, nmsPlugin, …). */
    private static final Map<String, Map<String, Kind>> FIELDS = Map.of(
            "GridAnchor_TRT", gridAnchor(), "GridAnchorRect_TRT", gridAnchor(),
            "NMSDynamic_TRT", Map.ofEntries(Map.entry("shareLocation", Kind.INT), Map.entry("varianceEncodedInTarget", Kind.INT),
                    Map.entry("backgroundLabelId", Kind.INT), Map.entry("numClasses", Kind.INT), Map.entry("topK", Kind.INT),
                    Map.entry("keepTopK", Kind.INT), Map.entry("confidenceThreshold", Kind.FLOAT), Map.entry("nmsThreshold", Kind.FLOAT),
                    Map.entry("inputOrder", Kind.INT), Map.entry("confSigmoid", Kind.INT), Map.entry("isNormalized", Kind.INT),
                    Map.entry("codeType", Kind.INT), Map.entry("scoreBits", Kind.INT), Map.entry("isBatchAgnostic", Kind.INT)),
            "BatchedNMSDynamic_TRT", Map.ofEntries(Map.entry("shareLocation", Kind.INT), Map.entry("backgroundLabelId", Kind.INT),
                    Map.entry("numClasses", Kind.INT), Map.entry("topK", Kind.INT), Map.entry("keepTopK", Kind.INT),
                    Map.entry("scoreThreshold", Kind.FLOAT), Map.entry("iouThreshold", Kind.FLOAT), Map.entry("isNormalized", Kind.INT),
                    Map.entry("clipBoxes", Kind.INT), Map.entry("scoreBits", Kind.INT), Map.entry("caffeSemantics", Kind.INT)),
            "FlattenConcat_TRT", Map.of("axis", Kind.INT, "ignoreBatch", Kind.INT),
            "BatchTilePlugin_TRT", Map.of(),
            "ResizeNearest_TRT", Map.of("scale", Kind.FLOAT),
            "ProposalDynamic", Map.of("input_height", Kind.INT, "input_width", Kind.INT, "rpn_stride", Kind.INT,
                    "roi_min_size", Kind.FLOAT, "nms_iou_threshold", Kind.FLOAT, "pre_nms_top_n", Kind.INT, "post_nms_top_n", Kind.INT,
                    "anchor_sizes", Kind.FLOAT, "anchor_ratios", Kind.FLOAT),
            "CropAndResizeDynamic", Map.of("crop_width", Kind.INT, "crop_height", Kind.INT));

    private static Map<String, Kind> gridAnchor() {
        return Map.of("minSize", Kind.FLOAT, "maxSize", Kind.FLOAT, "aspectRatios", Kind.FLOAT, "featureMapShapes", Kind.INT,
                "variance", Kind.FLOAT, "numLayers", Kind.INT);
    }

    @Test
    void ssdNmsBecomesARegistryPluginWithTypedFieldsAndGridAnchorFlattenConcatPlainOps() throws Exception {
        UffToOnnx.Result r = UffToOnnx.standard().translate(TltPluginGraphs.ssd().graph("ssd_resnet18.etlt"));
        Map<String, String> ops = pluginOps(r);
        assertThat(ops).doesNotContainKeys("GridAnchor", "concat_box_loc", "concat_box_conf").containsEntry("NMS", "NMSDynamic_TRT");
        ModelProto m = ModelProto.parseFrom(r.toBytes());
        assertThat(m.getGraph().getInputList()).extracting(i -> i.getName()).containsExactly("Input");
        assertThat(m.getGraph().getOutputList()).extracting(o -> o.getName()).containsExactly("NMS", "NMS:1");
        NodeProto nms = node(m, "NMS");
        assertThat(nms.getInputList()).hasSize(3).startsWith("concat_box_loc").endsWith("concat_box_conf");
        // NMSDynamic_TRT decodes image n with priors at n * 2 * P * 4 (isBatchAgnostic = false): one prior set per image
        NodeProto perImage = node(m, nms.getInput(1));
        assertThat(perImage.getOpType()).isEqualTo("Add");
        assertThat(perImage.getInput(0)).isEqualTo("concat_priorbox");
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("concat_priorbox", "broadcast to the batch"));
        assertThat(attr(nms, "inputOrder").getIntsList()).containsExactly(0L, 2L, 1L);
        assertThat(attr(nms, "confidenceThreshold").getF()).isEqualTo(0.3f);
        // the priors are initializers (TensorRT 10 cannot build GridAnchor_TRT from ONNX), concatenated on the prior axis
        assertThat(node(m, "concat_priorbox").getInputList()).containsExactly("GridAnchor", "GridAnchor:1");
        assertThat(m.getGraph().getInitializerList()).extracting(i -> i.getName()).contains("GridAnchor", "GridAnchor:1");
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("NMS_TRT", "NMSDynamic_TRT"));
    }

    @Test
    void retinanetGridAnchorRectBecomesConstantPriorsOverHeightWidthPairs() throws Exception {
        UffToOnnx.Result r = UffToOnnx.standard().translate(TltPluginGraphs.retinanet().graph("retinanet_resnet18.etlt"));
        assertThat(pluginOps(r)).doesNotContainKey("GridAnchor").containsEntry("NMS", "NMSDynamic_TRT");
        // featureMapShapes 8x16 and 4x8: 128 cells * 3 priors and 32 cells * 6 priors, 4 values each
        assertThat(TensorRt10PluginFixesTest.initializerDims(ModelProto.parseFrom(r.toBytes()), "GridAnchor")).containsExactly(1L, 2L, 1536L, 1L);
        assertThat(TensorRt10PluginFixesTest.initializerDims(ModelProto.parseFrom(r.toBytes()), "GridAnchor:1")).containsExactly(1L, 2L, 768L, 1L);
    }

    @Test
    void yolov3BatchedNmsSuccessorWithBatchTileAndResizeNearestAsPlainOps() throws Exception {
        UffToOnnx.Result r = UffToOnnx.standard().translate(TltPluginGraphs.yolov3().graph("yolo_resnet18.etlt"));
        assertThat(pluginOps(r)).doesNotContainKeys("FirstDimTile_0", "upsample0/ResizeNearestNeighbor")
                .containsEntry("BatchedNMS", "BatchedNMSDynamic_TRT");
        NodeProto nms = node(ModelProto.parseFrom(r.toBytes()), "BatchedNMS");
        assertThat(nms.getOutputList()).containsExactly("BatchedNMS", "BatchedNMS:1", "BatchedNMS:2", "BatchedNMS:3");
        assertThat(attr(nms, "backgroundLabelId").getI()).isEqualTo(-1);
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("BatchedNMS_TRT", "BatchedNMSDynamic_TRT"));
    }

    @Test
    void keepTopKAboveTopKIsNamedBecauseTensorRtsPluginsThenKeepNothing() throws Exception {
        UffGraphBuilder b = new UffGraphBuilder().input("boxes", -1, 8, 1, 4).input("scores", -1, 8, 2);
        b.node("BatchedNMS", "_BatchedNMS_TRT", "boxes", "scores").integer("shareLocation", 1).integer("backgroundLabelId", -1)
                .integer("numClasses", 2).integer("topK", 10).integer("keepTopK", 20).number("scoreThreshold", 0.3)
                .number("iouThreshold", 0.5).integer("isNormalized", 1).add().markOutput("BatchedNMS");
        assertThat(UffToOnnx.standard().translate(b.graph("yolo.uff")).notes())
                .anySatisfy(n -> assertThat(n).contains("BatchedNMS", "keepTopK 20 > topK 10", "no detections"));
        assertThat(UffToOnnx.standard().translate(TltPluginGraphs.batchedNmsHead().graph("head.uff")).notes())
                .noneSatisfy(n -> assertThat(n).contains("keepTopK"));
    }

    @Test
    void topKAboveTheBoxesPerImageIsNamedBecauseTensorRtsPluginsThenMisplaceLaterImages() throws Exception {
        // 8 boxes per image: topK 10 exceeds them (the per-image sort overruns its buffers), topK 8 does not
        for (long topK : new long[] {10, 8}) {
            UffGraphBuilder b = new UffGraphBuilder().input("boxes", -1, 8, 1, 4).input("scores", -1, 8, 2);
            b.node("BatchedNMS", "_BatchedNMS_TRT", "boxes", "scores").integer("shareLocation", 1).integer("backgroundLabelId", -1)
                    .integer("numClasses", 2).integer("topK", topK).integer("keepTopK", 5).number("scoreThreshold", 0.3)
                    .number("iouThreshold", 0.5).integer("isNormalized", 1).add().markOutput("BatchedNMS");
            List<String> notes = UffToOnnx.standard().translate(b.graph("yolo.uff")).notes();
            if (topK > 8) {
                assertThat(notes).anySatisfy(n -> assertThat(n).contains("BatchedNMS", "topK 10 > the 8 boxes per image", "after the first"));
            } else {
                assertThat(notes).noneSatisfy(n -> assertThat(n).contains("boxes per image"));
            }
        }
    }

    @Test
    void fasterRcnnProposalAndCropAndResizeBecomeTheirDynamicSuccessors() throws Exception {
        UffToOnnx.Result r = UffToOnnx.standard().translate(TltPluginGraphs.fasterRcnn().graph("faster_rcnn_resnet10.etlt"));
        assertThat(pluginOps(r)).containsEntry("proposal", "ProposalDynamic")
                .containsEntry("roi_pooling_conv_1/CropAndResize_new", "CropAndResizeDynamic");
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("Proposal", "ProposalDynamic"))
                .anySatisfy(n -> assertThat(n).contains("CropAndResize", "CropAndResizeDynamic"));
        ModelProto m = ModelProto.parseFrom(r.toBytes());
        assertThat(m.getGraph().getInputList()).extracting(i -> i.getName()).containsExactly("input_image");
        assertThat(attr(node(m, "proposal"), "anchor_sizes").getFloatsList()).containsExactly(64f, 128f, 256f);
    }

    /** Plugin node → op type, after checking each attribute against the creator's declared fields and types. */
    private static Map<String, String> pluginOps(UffToOnnx.Result r) throws Exception {
        List<NodeProto> plugins = ModelProto.parseFrom(r.toBytes()).getGraph().getNodeList().stream()
                .filter(n -> FIELDS.containsKey(n.getOpType())).toList();
        for (NodeProto n : plugins) {
            Map<String, Kind> declared = FIELDS.get(n.getOpType());
            for (AttributeProto a : n.getAttributeList()) {
                if (a.getName().equals("plugin_version") || a.getName().equals("plugin_namespace")) {
                    assertThat(a.getType()).isEqualTo(AttributeProto.AttributeType.STRING);
                    continue;
                }
                assertThat(declared).as(n.getOpType() + " declares " + a.getName()).containsKey(a.getName());
                assertThat(a.getType()).as(n.getName() + "." + a.getName()).isIn(declared.get(a.getName()) == Kind.INT
                        ? List.of(AttributeProto.AttributeType.INT, AttributeProto.AttributeType.INTS)
                        : List.of(AttributeProto.AttributeType.FLOAT, AttributeProto.AttributeType.FLOATS));
            }
        }
        return plugins.stream().collect(Collectors.toMap(NodeProto::getName, NodeProto::getOpType));
    }

    static NodeProto node(ModelProto m, String name) {
        return m.getGraph().getNodeList().stream().filter(n -> n.getName().equals(name)).findFirst().orElseThrow();
    }

    static AttributeProto attr(NodeProto n, String name) {
        return n.getAttributeList().stream().filter(a -> a.getName().equals(name)).findFirst().orElseThrow();
    }
}
