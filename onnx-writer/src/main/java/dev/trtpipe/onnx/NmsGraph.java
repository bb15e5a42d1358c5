package dev.trtpipe.onnx;

import dev.trtpipe.darknet.DetectionSpec;
import dev.trtpipe.darknet.HeadMode;
import dev.trtpipe.onnx.proto.Onnx.TensorProto;
import java.util.List;

/**
 * What both in-graph NMS variants share: they follow {@link DecodeHeadsPass}, take its boxes and scores,
 * and end in TensorRT {@code EfficientNMS_TRT}'s four outputs — the layout DeepStream's
 * {@code NvDsInferParseCustomEfficientNMSTLT} and most TensorRT YOLO tooling read.
 */
final class NmsGraph {

    static final String DOC = "trtpipe --head nms";

    private NmsGraph() {
    }

    /** The decoded tensors, after checking {@link DecodeHeadsPass} ran; they stop being graph outputs. */
    static DetectionSpec takeDecoded(ConvertedModel model) {
        OnnxGraph g = model.graph();
        List<String> decoded = List.of(HeadMode.Decode.BOXES, HeadMode.Decode.OBJECTNESS, HeadMode.Decode.SCORES);
        if (!g.outputs().containsAll(decoded)) {
            throw new IllegalStateException("in-graph NMS needs the decoded outputs " + decoded + "; apply "
                    + DecodeHeadsPass.class.getSimpleName() + " first (outputs: " + g.outputs() + ")");
        }
        decoded.forEach(g::removeOutput);
        return model.detectionSpec().orElseThrow();
    }

    /**
     * The decoded boxes as corners {@code (x1, y1, x2, y2)} in network-input pixels, {@code [N, K, 4]}:
     * what DeepStream's EfficientNMS parser clips to the network size, and TensorRT's NMS box coding 0.
     */
    static String pixelCorners(OnnxGraph g, DetectionSpec spec) {
        String boxes = HeadMode.Decode.BOXES;
        String centre = slice(g, boxes, "nms/centre", 0, 2);
        String size = slice(g, boxes, "nms/size", 2, 4);
        String half = binary(g, "Mul", size, g.floatConstant(0.5f), "nms/half_size");
        String pixels = g.addInitializer("nms/net_size", new long[]{2}, new float[]{spec.inputWidth(), spec.inputHeight()});
        String low = binary(g, "Mul", binary(g, "Sub", centre, half, "nms/low_rel"), pixels, "nms/low");
        String high = binary(g, "Mul", binary(g, "Add", centre, half, "nms/high_rel"), pixels, "nms/high");
        return g.node("Concat", "nms/corners").inputs(low, high).output("nms/corners").attr("axis", 2L).doc(DOC).add();
    }

    /** Declares the four outputs, {@code maxDetections} rows per image, and records the mode. */
    static void declareOutputs(ConvertedModel model, HeadMode.Nms mode) {
        OnnxGraph g = model.graph();
        boolean dynamic = model.options().dynamicBatch();
        int m = mode.maxDetections();
        g.addOutput(HeadMode.Nms.NUM_DETS, TensorProto.DataType.INT32, new long[]{1, 1}, dynamic);
        g.addOutput(HeadMode.Nms.DET_BOXES, TensorProto.DataType.FLOAT, new long[]{1, m, 4}, dynamic);
        g.addOutput(HeadMode.Nms.DET_SCORES, TensorProto.DataType.FLOAT, new long[]{1, m}, dynamic);
        g.addOutput(HeadMode.Nms.DET_CLASSES, TensorProto.DataType.INT32, new long[]{1, m}, dynamic);
        mode.toMetadata().forEach(g::putMetadata);
    }

    static String binary(OnnxGraph g, String op, String a, String b, String name) {
        return g.node(op, name).inputs(a, b).output(name).doc(DOC).add();
    }

    static String unary(OnnxGraph g, String op, String x, String name) {
        return g.node(op, name).inputs(x).output(name).doc(DOC).add();
    }

    static String cast(OnnxGraph g, String x, TensorProto.DataType to, String name) {
        return g.node("Cast", name).inputs(x).output(name).attr("to", (long) to.getNumber()).doc(DOC).add();
    }

    private static String slice(OnnxGraph g, String x, String name, long from, long to) {
        return g.node("Slice", name).inputs(x, g.int64Constant(from), g.int64Constant(to), g.int64Constant(-1))
                .output(name).doc(DOC).add();
    }
}
