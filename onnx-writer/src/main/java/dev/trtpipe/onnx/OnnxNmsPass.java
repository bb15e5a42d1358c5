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
 *   <li>the kept scores become one row per image, padded with zeros, and {@code TopK} takes the {@code M}
 *       best per image over all classes (ties: in the order NonMaxSuppression lists them, which is by
 *       class, in ONNX Runtime; TensorRT's TopK may order exactly equal scores differently run to run);</li>
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
        String topIndex = keepBest(g, corners, m, candidates);
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
     *
     * <p>The selection {@code [S, 3]} has a data-dependent length; it is only ever gathered from, never
     * scattered into a fixed tensor. Each image's kept scores are laid out as one row {@code [N, S]} (zero
     * where a selected row belongs to another image), padded with {@code m} zeros so that {@code TopK(m)}
     * always has enough columns, and the flat index follows the same columns.
     */
    private String keepBest(OnnxGraph g, String corners, int m, long candidates) {
        String scoresByClass = g.node("Transpose", "nms/scores_by_class").inputs(HeadMode.Decode.SCORES)
                .output("nms/scores_by_class").ints("perm", 0, 2, 1).doc(NmsGraph.DOC).add();
        String selected = select(g, corners, scoresByClass, m);
        String keptScores = NmsGraph.binary(g, "GatherND", scoresByClass, selected, "nms/kept_scores");
        String image = column(g, selected, 0, "nms/selected_image");
        String flatIndex = NmsGraph.binary(g, "Add",
                NmsGraph.binary(g, "Mul", column(g, selected, 1, "nms/selected_class"), g.int64Constant(candidates), "nms/class_offset_all"),
                column(g, selected, 2, "nms/selected_candidate"), "nms/selected_flat");

        String batch = NmsGraph.binary(g, "Gather", NmsGraph.unary(g, "Shape", scoresByClass, "nms/scores_shape"),
                g.int64Scalar(0), "nms/batch");
        String padded = g.node("Concat", "nms/padded_scores").inputs(scoreRows(g, keptScores, image, batch), zeros(g, batch, m))
                .output("nms/padded_scores").attr("axis", 1L).doc(NmsGraph.DOC).add();
        g.node("TopK", "nms/top").inputs(padded, g.int64Constant(m)).outputs(HeadMode.Nms.DET_SCORES, "nms/top_column")
                .attr("axis", 1L).attr("largest", 1L).attr("sorted", 1L).doc(NmsGraph.DOC).add();
        String paddedIndex = g.node("Concat", "nms/padded_flat").inputs(flatIndex, g.addInt64Initializer("nms/index_padding", new long[m]))
                .output("nms/padded_flat").attr("axis", 0L).doc(NmsGraph.DOC).add();
        return g.node("Gather", "nms/top_index").inputs(paddedIndex, "nms/top_column").output("nms/top_index").attr("axis", 0L)
                .doc(NmsGraph.DOC).add();
    }

    /** {@code NonMaxSuppression}'s {@code [S, 3]} selection of (image, class, candidate) rows. */
    private String select(OnnxGraph g, String corners, String scoresByClass, int m) {
        String nmsOutput = g.node("NonMaxSuppression", "nms/select")
                .inputs(corners, scoresByClass, g.int64Scalar(m), g.floatConstant(settings.iouThreshold()),
                        g.floatConstant(settings.scoreThreshold()))
                .output("nms/selected_raw").attr("center_point_box", 0L).doc(NmsGraph.DOC).add();
        // A round trip through float (exact: indices stay far below 2^24). TensorRT 10.6 imports the node as
        // its NMS layer plus an int32 → int64 cast, and drops that cast from under any direct reader: "Tensor
        // … has empty producer but nonempty consumers" (also after an Identity or an int32/int64 cast pair).
        return NmsGraph.cast(g, NmsGraph.cast(g, nmsOutput, TensorProto.DataType.FLOAT, "nms/selected_f32"),
                TensorProto.DataType.INT64, "nms/selected");
    }

    /** {@code [N, S]}: row n holds the kept scores of image n's selected rows and zero in the others'. */
    private static String scoreRows(OnnxGraph g, String keptScores, String image, String batch) {
        String images = unsqueeze(g,
                g.node("Range", "nms/images").inputs(g.int64Scalar(0), batch, g.int64Scalar(1)).output("nms/images").doc(NmsGraph.DOC).add(),
                1, "nms/images_column");
        String owned = NmsGraph.binary(g, "Equal", images, unsqueeze(g, image, 0, "nms/selected_image_row"), "nms/owned");
        return where(g, owned, unsqueeze(g, keptScores, 0, "nms/kept_scores_row"), g.floatConstant(0f), "nms/score_rows");
    }

    /** {@code [N, m]} zero scores, so that TopK(m) has enough columns however few boxes were kept. */
    private static String zeros(OnnxGraph g, String batch, int m) {
        return NmsGraph.unary(g, "ConstantOfShape",
                g.node("Concat", "nms/padding_shape").inputs(unsqueeze(g, batch, 0, "nms/batch_1d"), g.int64Constant(m))
                        .output("nms/padding_shape").attr("axis", 0L).doc(NmsGraph.DOC).add(), "nms/padding");
    }

    /** Column {@code c} of the {@code [S, 3]} selection, {@code [S]}. */
    private static String column(OnnxGraph g, String selected, long c, String name) {
        return g.node("Gather", name).inputs(selected, g.int64Scalar(c)).output(name).attr("axis", 1L).doc(NmsGraph.DOC).add();
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

    /** Unsqueeze takes its axes as an attribute before opset 13, as an input after. */
    private static String unsqueeze(OnnxGraph g, String x, long axis, String name) {
        OnnxGraph.Node node = g.node("Unsqueeze", name).output(name).doc(NmsGraph.DOC);
        return (g.opset() < 13 ? node.inputs(x).ints("axes", axis) : node.inputs(x, g.int64Constant(axis))).add();
    }

    /** Detections per image, {@code [N, 1]}: ReduceSum takes its axes as an attribute before opset 13, as an input after. */
    private static String count(OnnxGraph g, String validFloat) {
        OnnxGraph.Node sum = g.node("ReduceSum", "nms/count").output("nms/count").attr("keepdims", 1L).doc(NmsGraph.DOC);
        return (g.opset() < 13 ? sum.inputs(validFloat).ints("axes", 1) : sum.inputs(validFloat, g.int64Constant(1))).add();
    }
}
