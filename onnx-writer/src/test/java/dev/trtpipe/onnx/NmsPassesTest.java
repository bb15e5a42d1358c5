package dev.trtpipe.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trtpipe.darknet.HeadMode;
import dev.trtpipe.darknet.ref.SharedFiles;
import dev.trtpipe.onnx.proto.Onnx.AttributeProto;
import dev.trtpipe.onnx.proto.Onnx.ModelProto;
import dev.trtpipe.onnx.proto.Onnx.NodeProto;
import dev.trtpipe.onnx.proto.Onnx.OperatorSetIdProto;
import dev.trtpipe.onnx.proto.Onnx.TensorProto;
import dev.trtpipe.onnx.proto.Onnx.ValueInfoProto;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The structure of {@code --head nms}: TensorRT {@code EfficientNMS_TRT}'s four outputs whichever NMS
 * op, the standard ONNX operator by default, a well-formed plugin node with {@code --nms-plugin efficient}
 * (which no runtime here can execute: its shape is all that can be checked). The ONNX variant's results
 * are compared with the Java NMS in {@code detect} ({@code NmsHeadAgreementTest}).
 */
class NmsPassesTest {

    private static final HeadMode.Nms ONNX = new HeadMode.Nms(HeadMode.NmsOp.ONNX, 0.25f, 0.45f, 100);
    private static final HeadMode.Nms EFFICIENT = new HeadMode.Nms(HeadMode.NmsOp.EFFICIENT_NMS_TRT, 0.3f, 0.5f, 50);

    @Test
    void onnxNmsOutputsEfficientNmsLayoutWithTheStandardOperator() throws Exception {
        ModelProto model = convert("yolov4", ConversionOptions.defaults().withDynamicBatch(true), ONNX);

        assertThat(model.getGraph().getOutputList()).extracting(NmsPassesTest::typedSignature).containsExactly(
                "num_dets INT32[N,1]", "det_boxes FLOAT[N,100,4]", "det_scores FLOAT[N,100]", "det_classes INT32[N,100]");
        NodeProto nms = node(model, "NonMaxSuppression");
        assertThat(nms.getDomain()).isEmpty();
        assertThat(attribute(nms, "center_point_box").getI()).isZero();
        assertThat(model.getOpsetImportList()).extracting(OperatorSetIdProto::getDomain).containsExactly("");
        assertThat(DecodeHeadsPassTest.metadata(model)).containsEntry("darknet.head_mode", "nms")
                .containsEntry("darknet.box_format", "x1y1x2y2_input_pixels")
                .containsEntry("darknet.nms.op", "onnx")
                .containsEntry("darknet.nms.score_threshold", "0.25")
                .containsEntry("darknet.nms.iou_threshold", "0.45")
                .containsEntry("darknet.nms.max_detections", "100");
        assertThat(HeadMode.fromMetadata(DecodeHeadsPassTest.metadata(model))).isEqualTo(ONNX);
    }

    /**
     * TensorRT 10.6 builds the head only in this shape (measured on the GPU: docs/gpu-results.md): nothing
     * reads NonMaxSuppression's output but a cast to float, and nothing scatters into a fixed tensor.
     */
    @Test
    void theSelectionReachesItsReadersOnlyThroughAFloatRoundTrip() throws Exception {
        ModelProto model = convert("yolov3-tiny", ConversionOptions.defaults(), ONNX);
        String raw = node(model, "NonMaxSuppression").getOutput(0);

        assertThat(model.getGraph().getNodeList()).filteredOn(n -> n.getInputList().contains(raw)).singleElement()
                .satisfies(n -> {
                    assertThat(n.getOpType()).isEqualTo("Cast");
                    assertThat(attribute(n, "to").getI()).isEqualTo(TensorProto.DataType.FLOAT.getNumber());
                });
        assertThat(model.getGraph().getNodeList()).extracting(NodeProto::getOpType).doesNotContain("ScatterND", "ScatterElements");
    }

    @Test
    void reduceSumTakesItsAxesAsTheOpsetWants() throws Exception {
        NodeProto at11 = node(convert("yolov3-tiny", ConversionOptions.defaults().withOpset(11), ONNX), "ReduceSum");
        NodeProto at13 = node(convert("yolov3-tiny", ConversionOptions.defaults().withOpset(13), ONNX), "ReduceSum");

        assertThat(at11.getInputCount()).isEqualTo(1);
        assertThat(attribute(at11, "axes").getIntsList()).containsExactly(1L);
        assertThat(at13.getInputCount()).isEqualTo(2);
        assertThat(at13.getAttributeList()).extracting(AttributeProto::getName).doesNotContain("axes");
    }

    @Test
    void aTinyModelCannotReportMoreRowsThanItHasClassCandidatePairs() throws Exception {
        // yolov2-tiny mini: 5 anchors · 5x4 cells = 100 candidates, 2 classes = 200 (class, candidate) slots
        ModelProto model = convert("yolov2-tiny", ConversionOptions.defaults(), new HeadMode.Nms(HeadMode.NmsOp.ONNX, 0.25f, 0.45f, 300));

        assertThat(model.getGraph().getOutputList()).extracting(NmsPassesTest::typedSignature)
                .contains("det_boxes FLOAT[1,200,4]");
        assertThat(DecodeHeadsPassTest.metadata(model)).containsEntry("darknet.nms.max_detections", "200");
    }

    @Test
    void efficientNmsIsOnePluginNodeTensorRtsParserCanImport() throws Exception {
        ModelProto model = convert("yolov4", ConversionOptions.defaults().withDynamicBatch(true), EFFICIENT);

        NodeProto plugin = node(model, "EfficientNMS_TRT");
        assertThat(plugin.getDomain()).isEqualTo("trt.plugins");
        assertThat(model.getOpsetImportList()).extracting(o -> o.getDomain() + ":" + o.getVersion())
                .containsExactly(":13", "trt.plugins:1");
        assertThat(plugin.getInputList()).containsExactly("nms/corners", "scores");
        assertThat(plugin.getOutputList()).containsExactly("num_dets", "det_boxes", "det_scores", "det_classes");
        assertThat(attribute(plugin, "plugin_version").getS().toStringUtf8()).isEqualTo("1");
        assertThat(attribute(plugin, "background_class").getI()).isEqualTo(-1);
        assertThat(attribute(plugin, "box_coding").getI()).isZero();
        assertThat(attribute(plugin, "score_activation").getI()).isZero();
        assertThat(attribute(plugin, "iou_threshold").getF()).isEqualTo(0.5f);
        assertThat(attribute(plugin, "score_threshold").getF()).isEqualTo(0.3f);
        assertThat(attribute(plugin, "max_output_boxes").getI()).isEqualTo(50);
        assertThat(model.getGraph().getOutputList()).extracting(NmsPassesTest::typedSignature).containsExactly(
                "num_dets INT32[N,1]", "det_boxes FLOAT[N,50,4]", "det_scores FLOAT[N,50]", "det_classes INT32[N,50]");
        assertThat(model.getGraph().getNodeList()).extracting(NodeProto::getOpType).doesNotContain("NonMaxSuppression");
        assertThat(DecodeHeadsPassTest.metadata(model)).containsEntry("darknet.nms.op", "efficient");
    }

    @Test
    void nmsWithoutDecodedCandidatesIsABug() throws Exception {
        ConvertedModel raw = Fixtures.mini(SharedFiles.resolve("ref/mini/yolov3-tiny")).convert(ConversionOptions.defaults());
        assertThatThrownBy(() -> raw.apply(new OnnxNmsPass(ONNX))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("DecodeHeadsPass");
        assertThatThrownBy(() -> new OnnxNmsPass(EFFICIENT)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSameInputGivesTheSameBytes() throws Exception {
        byte[] first = convert("yolov4-csp", ConversionOptions.defaults(), ONNX).toByteArray();
        byte[] second = convert("yolov4-csp", ConversionOptions.defaults(), ONNX).toByteArray();
        assertThat(second).isEqualTo(first);
    }

    private static ModelProto convert(String mini, ConversionOptions options, HeadMode mode) throws Exception {
        return Fixtures.mini(SharedFiles.resolve("ref/mini/" + mini)).convert(options).apply(HeadPasses.of(mode)).toModelProto();
    }

    private static NodeProto node(ModelProto model, String opType) {
        return model.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals(opType)).findFirst().orElseThrow();
    }

    private static AttributeProto attribute(NodeProto node, String name) {
        Map<String, AttributeProto> byName = node.getAttributeList().stream().collect(Collectors.toMap(AttributeProto::getName, a -> a));
        assertThat(byName).containsKey(name);
        return byName.get(name);
    }

    private static String typedSignature(ValueInfoProto v) {
        String type = TensorProto.DataType.forNumber(v.getType().getTensorType().getElemType()).name();
        String s = DecodeHeadsPassTest.signature(v);
        int bracket = s.indexOf(" [");
        return s.substring(0, bracket) + " " + type + s.substring(bracket + 1);
    }
}
