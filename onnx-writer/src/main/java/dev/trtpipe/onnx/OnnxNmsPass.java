package dev.trtpipe.onnx;

import dev.trtpipe.darknet.DetectionSpec;
import dev.trtpipe.darknet.HeadMode;
import dev.trtpipe.onnx.proto.Onnx.TensorProto;

/**
 * {@code --head nms}: the decoded candidates through the standard ONNX {@code NonMaxSuppression} (opset
 * 11; TensorRT ≥ 8.5 imports it as its {@code INMSLayer}), then padded to {@code EfficientNMS_TRT}'s fixed
 * layout so that engines, DeepStream and Triton see static shapes:
 * <ol>
 *   <li>{@code NonMaxSuppression(corners, scoresᵀ)}: per class, boxes by falling score, a box is kept iff
 *       its score is above the threshold and its IoU with every kept box of its class is at most the IoU
 *       threshold — darknet's {@code do_nms_sort} (see docs for how close);</li>
 *   <li>the kept scores are scattered into a zero {@code [N, C, K]} tensor and {@code TopK} takes the
 *       {@code M} best per image over all classes (ties: lower class, then lower candidate index);</li>
 *   <li>class = index / K, candidate = index mod K; boxes gathered; rows past the count are +0.</li>
 * </ol>
 * Every step uses opset-11 operators with the batch axis symbolic.
 */
public final class OnnxNmsPass implements GraphPass {

    private final HeadMode.Nms settings;

    public OnnxNmsPass(HeadMode.Nms settings) {
        if (settings.op() != HeadMode.NmsOp.ONNX) {
            throw new IllegalArgumentException("OnnxNmsPass writes NonMaxSuppression, not " + settings.op());
        }
        this.settings = settings;
    }

    @Override
    public void apply(ConvertedModel model) {
        DetectionSpec spec = NmsGraph.takeDecoded(model);
        OnnxGraph g = model.graph();
        long candidates = model.heads().stream().mapToLong(h ->
                (long) h.head().anchorCount() * h.head().gridWidth() * h.head().gridHeight()).sum();
        // TopK needs M ≤ C·K: a tiny model cannot report more detections than it has (class, candidate) pairs
        int m = (int) Math.min(settings.maxDetections(), candidates * spec.classes());

        String corners = NmsGraph.pixelCorners(g, spec);
        String topIndex = keepBest(g, corners, m);
        String valid = NmsGraph.binary(g, "Greater", HeadMode.Nms.DET_SCORES, g.floatConstant(0f), "nms/valid");
        NmsGraph.cast(g, count(g, NmsGraph.cast(g, valid, TensorProto.DataType.FLOAT, "nms/valid_f32")),
                TensorProto.DataType.INT32, HeadMode.Nms.NUM_DETS);

        String classIndex = NmsGraph.binary(g, "Div", topIndex, g.int64Constant(candidates), "nms/class_index");
        String candidate = NmsGraph.binary(g, "Sub", topIndex,
                NmsGraph.binary(g, "Mul", classIndex, g.int64Constant(candidates), "nms/class_offset"), "nms/candidate");
        NmsGraph.cast(g, where(g, valid, classIndex, g.int64Scalar(0), "nms/class_or_zero"), TensorProto.DataType.INT32,
                HeadMode.Nms.DET_CLASSES);
        gatherBoxes(g, corners, candidate, valid, m);

        NmsGraph.declareOutputs(model, new HeadMode.Nms(settings.op(), settings.scoreThreshold(), settings.iouThreshold(), m));
    }

    /**
     * Per-class NMS, then the {@code m} best kept scores per image over all classes: writes
     * {@value HeadMode.Nms#DET_SCORES} {@code [N, m]} and returns their flat {@code class·K + candidate} index.
     */
    private String keepBest(OnnxGraph g, String corners, int m) {
        String scoresByClass = g.node("Transpose", "nms/scores_by_class").inputs(HeadMode.Decode.SCORES)
                .output("nms/scores_by_class").ints("perm", 0, 2, 1).doc(NmsGraph.DOC).add();
        String selected = g.node("NonMaxSuppression", "nms/select")
                .inputs(corners, scoresByClass, g.int64Scalar(m), g.floatConstant(settings.iouThreshold()),
                        g.floatConstant(settings.scoreThreshold()))
                .output("nms/selected").attr("center_point_box", 0L).doc(NmsGraph.DOC).add();
        // the kept (batch, class, candidate) scores in place, zeros elsewhere: [N, C, K] → [N, C·K]
        String zeros = NmsGraph.unary(g, "ConstantOfShape", NmsGraph.unary(g, "Shape", scoresByClass, "nms/scores_shape"),
                "nms/zeros");
        String keptScores = NmsGraph.binary(g, "GatherND", scoresByClass, selected, "nms/kept_scores");
        String kept = g.node("ScatterND", "nms/kept").inputs(zeros, selected, keptScores).output("nms/kept").doc(NmsGraph.DOC).add();
        String flat = NmsGraph.binary(g, "Reshape", kept, g.int64Constant(0, -1), "nms/kept_flat");
        g.node("TopK", "nms/top").inputs(flat, g.int64Constant(m)).outputs(HeadMode.Nms.DET_SCORES, "nms/top_index")
                .attr("axis", 1L).attr("largest", 1L).attr("sorted", 1L).doc(NmsGraph.DOC).add();
        return "nms/top_index";
    }

    /** {@value HeadMode.Nms#DET_BOXES}: the corners of each row's candidate, +0 past the count. */
    private static void gatherBoxes(OnnxGraph g, String corners, String candidate, String valid, int m) {
        String index = NmsGraph.binary(g, "Expand",
                NmsGraph.binary(g, "Reshape", candidate, g.int64Constant(0, m, 1), "nms/candidate_3d"),
                g.int64Constant(1, 1, 4), "nms/box_index");
        String boxes = g.node("GatherElements", "nms/boxes").inputs(corners, index).output("nms/boxes").attr("axis", 1L)
                .doc(NmsGraph.DOC).add();
        where(g, NmsGraph.binary(g, "Reshape", valid, g.int64Constant(0, m, 1), "nms/valid_3d"), boxes, g.floatConstant(0f),
                HeadMode.Nms.DET_BOXES);
    }

    private static String where(OnnxGraph g, String condition, String x, String y, String name) {
        return g.node("Where", name).inputs(condition, x, y).output(name).doc(NmsGraph.DOC).add();
    }

    /** Detections per image, {@code [N, 1]}: ReduceSum takes its axes as an attribute before opset 13, as an input after. */
    private static String count(OnnxGraph g, String validFloat) {
        OnnxGraph.Node sum = g.node("ReduceSum", "nms/count").output("nms/count").attr("keepdims", 1L).doc(NmsGraph.DOC);
        return (g.opset() < 13 ? sum.inputs(validFloat).ints("axes", 1) : sum.inputs(validFloat, g.int64Constant(1))).add();
    }
}
