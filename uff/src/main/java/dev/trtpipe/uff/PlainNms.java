package dev.trtpipe.uff;

import dev.trtpipe.onnx.OnnxGraph;
import dev.trtpipe.onnx.proto.Onnx.TensorProto;
import dev.trtpipe.uff.proto.Uff.Data;

/**
 * NMS_TRT and BatchedNMS_TRT as standard ONNX ops (opset 13), with the plugins' output layouts, so a
 * translated detector runs on ONNX Runtime and any TensorRT without plugins.
 *
 * <p>The plugins keep, per image and class, the best {@code topK} candidates above the score threshold,
 * suppress by IoU, then keep the best {@code keepTopK} of all classes. ONNX's NonMaxSuppression caps its
 * output after suppression, so the pre-NMS {@code topK} is a TopK first, and each (image, class) pair becomes
 * one NMS batch of its own {@code topK} boxes. The survivors are scattered into a dense score table (-1 where
 * suppressed) whose per-image TopK gives the {@code keepTopK} rows, classes from the table position.
 */
final class PlainNms {

    private PlainNms() {
    }

    /** NMS_TRT: inputs loc, conf, priors (in {@code inputOrder}); outputs {@code [N,1,keepTopK,7]} and keepCount {@code [N,1,1,1]}. */
    static void nmsTrt(UffNode node, UffTranslation t) {
        // absent fields take the plugin creator's defaults (nmsPlugin.cpp): inputOrder 0, 2, 1 and codeType TF_CENTER (3)
        long[] order = node.longs("inputOrder").orElse(DetectionPlugins.DEFAULT_INPUT_ORDER);
        if (!flag(node, "shareLocation", true)) {
            throw unsupported(node, "shareLocation = 0");
        }
        long codeType = intField(node, "codeType", 3);
        if (codeType != 1) {
            throw unsupported(node, "codeType " + codeType + " (only 1, CENTER_SIZE as TLT writes it)");
        }
        Params p = params(node, "confidenceThreshold", "nmsThreshold");
        String loc = t.tensor(node.input((int) order[0]));
        String conf = t.tensor(node.input((int) order[1]));
        String priors = t.tensor(node.input((int) order[2]));
        long[] locShape = t.shape(loc);
        if (!Shapes.known(locShape, 1)) {
            throw node.problem("needs the shape of its location input '" + node.input((int) order[0]) + "' for the plain ONNX NMS");
        }
        long numPriors = Shapes.product(locShape, 1) / 4;
        Ops o = new Ops(node, t);
        String boxes = decode(o, o.reshape(loc, 0, -1, 4), priors, numPriors, flag(node, "varianceEncodedInTarget", false));
        String scores = o.reshape(conf, 0, numPriors, p.numClasses);
        if (flag(node, "confSigmoid", false)) {
            scores = o.op("Sigmoid", scores);
        }
        Ranked r = select(o, boxes, scores, numPriors, p);
        String ones = o.op("Add", o.op("Mul", r.valid, o.f(0)), o.f(1));
        String image = o.node("CumSum", "image").inputs(ones, o.i64s(0)).attr("exclusive", 1L).output(o.fresh("image")).add();
        // the plugin's gatherTopDetections saturates each kept coordinate to [0, 1] (empty rows stay 0)
        String clipped = o.node("Clip", "saturate").inputs(r.boxes, o.f(0), o.f(1)).output(o.fresh("saturate")).add();
        String rows = o.node("Concat", "rows").inputs(o.unsqueeze(image, -1), o.unsqueeze(r.labels, -1), o.unsqueeze(r.scores, -1), clipped)
                .attr("axis", -1L).output(o.fresh("rows")).add();
        t.onnx().node("Unsqueeze", node.id() + "/out").inputs(rows, o.i64s(1)).output(node.id()).add();
        String count = o.node("ReduceSum", "count").inputs(r.valid, o.i64s(1)).attr("keepdims", 0L).output(o.fresh("count")).add();
        t.onnx().node("Reshape", node.id() + "/count").inputs(count, o.i64s(-1, 1, 1, 1)).output(node.id() + ":1").add();
        t.define(node.id(), new long[] {UffTranslation.BATCH, 1, p.keepTopK, 7});
        t.define(node.id() + ":1", new long[] {UffTranslation.BATCH, 1, 1, 1});
        t.note(node.id() + ": NMS_TRT written as plain ONNX ops (TopK, NonMaxSuppression), no plugin needed");
    }

    /** BatchedNMS_TRT: inputs boxes {@code [N,P,1,4]}, scores {@code [N,P,C]}; outputs count, boxes, scores, classes. */
    static void batchedNms(UffNode node, UffTranslation t) {
        if (!flag(node, "shareLocation", true)) {
            throw unsupported(node, "shareLocation = 0");
        }
        Params p = params(node, "scoreThreshold", "iouThreshold");
        String boxesIn = t.tensor(node.input(0));
        long[] shape = t.shape(boxesIn);
        if (!Shapes.known(shape, 1)) {
            throw node.problem("needs the shape of its boxes input '" + node.input(0) + "' for the plain ONNX NMS");
        }
        long numBoxes = Shapes.product(shape, 1) / 4;
        Ops o = new Ops(node, t);
        Ranked r = select(o, o.reshape(boxesIn, 0, -1, 4), o.reshape(t.tensor(node.input(1)), 0, numBoxes, p.numClasses), numBoxes, p);
        String boxes = flag(node, "clipBoxes", true) ? o.node("Clip", "clip").inputs(r.boxes, o.f(0), o.f(1)).output(o.fresh("clip")).add() : r.boxes;
        String count = o.node("ReduceSum", "count").inputs(r.valid, o.i64s(1)).attr("keepdims", 1L).output(o.fresh("count")).add();
        // float, not the plugin's int32: graph outputs are declared float, which ONNX Runtime enforces
        t.onnx().node("Identity", node.id() + "/num").inputs(count).output(node.id()).add();
        t.onnx().node("Identity", node.id() + "/boxes").inputs(boxes).output(node.id() + ":1").add();
        t.onnx().node("Identity", node.id() + "/scores").inputs(r.scores).output(node.id() + ":2").add();
        t.onnx().node("Identity", node.id() + "/classes").inputs(r.labels).output(node.id() + ":3").add();
        t.define(node.id(), new long[] {UffTranslation.BATCH, 1});
        t.define(node.id() + ":1", new long[] {UffTranslation.BATCH, p.keepTopK, 4});
        t.define(node.id() + ":2", new long[] {UffTranslation.BATCH, p.keepTopK});
        t.define(node.id() + ":3", new long[] {UffTranslation.BATCH, p.keepTopK});
        t.note(node.id() + ": BatchedNMS_TRT written as plain ONNX ops (TopK, NonMaxSuppression), no plugin needed");
    }

    private record Params(int numClasses, int backgroundLabelId, int topK, int keepTopK, float scoreThreshold, float iouThreshold) {
    }

    private static Params params(UffNode node, String scoreKey, String iouKey) {
        if (!flag(node, "isNormalized", true)) {
            throw unsupported(node, "isNormalized = 0 (pixel boxes, whose IoU counts the end pixel)");
        }
        long classes = intField(node, "numClasses", -1);
        if (classes < 1) {
            throw node.problem("has no numClasses field");
        }
        return new Params((int) classes, (int) intField(node, "backgroundLabelId", -1), (int) intField(node, "topK", 100),
                (int) intField(node, "keepTopK", 100), (float) number(node, scoreKey, 0.0), (float) number(node, iouKey, 0.5));
    }

    /** Boxes {@code [N,P,4]} (corners) from CENTER_SIZE offsets {@code [N,P,4]} and priors {@code [.., 2, P*4, ..]}. */
    private static String decode(Ops o, String loc, String priors, long numPriors, boolean varianceInTarget) {
        String pri = o.gather(o.reshape(priors, -1, 2, numPriors, 4), 0, 0);
        String corners = o.gather(pri, 0, 0);
        String pMin = o.slice(corners, 0, 2, 1);
        String pMax = o.slice(corners, 2, 4, 1);
        String size = o.op("Sub", pMax, pMin);
        String centre = o.op("Mul", o.op("Add", pMin, pMax), o.f(0.5f));
        String offset = o.slice(loc, 0, 2, 2);
        String scale = o.slice(loc, 2, 4, 2);
        if (!varianceInTarget) {
            String variance = o.gather(pri, 1, 0);
            offset = o.op("Mul", offset, o.slice(variance, 0, 2, 1));
            scale = o.op("Mul", scale, o.slice(variance, 2, 4, 1));
        }
        String c = o.op("Add", o.op("Mul", offset, size), centre);
        String half = o.op("Mul", o.op("Mul", o.op("Exp", scale), size), o.f(0.5f));
        return o.node("Concat", "boxes").inputs(o.op("Sub", c, half), o.op("Add", c, half)).attr("axis", 2L).output(o.fresh("boxes")).add();
    }

    /** The kept rows per image: labels (-1 when empty), scores (0 when empty), boxes (0 when empty), valid (1/0). */
    private record Ranked(String labels, String scores, String boxes, String valid) {
    }

    private static Ranked select(Ops o, String boxes, String scores, long numBoxes, Params p) {
        long c = p.numClasses;
        if (p.backgroundLabelId >= 0 && p.backgroundLabelId < c) {
            // a background score of 0 never passes the (strict) score threshold
            float[] mask = new float[(int) c];
            java.util.Arrays.fill(mask, 1f);
            mask[p.backgroundLabelId] = 0f;
            String name = o.fresh("background_mask");
            o.t.onnx().addInitializer(name, new long[] {c}, mask);
            scores = o.op("Mul", scores, name);
        }
        long k = Math.min(p.topK, numBoxes);
        String perClass = o.node("Transpose", "per_class").inputs(scores).ints("perm", 0, 2, 1).output(o.fresh("per_class")).add();
        String[] top = o.topK(perClass, k);
        String candidates = o.node("GatherND", "candidates").inputs(boxes, o.reshape(top[1], 0, -1, 1)).attr("batch_dims", 1L)
                .output(o.fresh("candidates")).add();
        String selected = o.node("NonMaxSuppression", "nms").inputs(o.reshape(candidates, -1, k, 4), o.reshape(top[0], -1, 1, k),
                o.i64s(k), o.f1(p.iouThreshold), o.f1(p.scoreThreshold)).output(o.fresh("selected")).add();
        String flatScores = o.reshape(top[0], -1);
        String at = o.op("Add", o.op("Mul", o.gather(selected, 0, 1), o.t.onnx().int64Scalar(k)), o.gather(selected, 2, 1));
        String empty = o.op("Sub", o.op("Mul", flatScores, o.f(0)), o.f(1));
        String dense = o.node("ScatterElements", "dense").inputs(empty, at, o.gather(flatScores, at, 0)).attr("axis", 0L)
                .output(o.fresh("dense")).add();
        String table = o.reshape(dense, -1, c * k);
        String tableBoxes = candidates;
        long pad = p.keepTopK - c * k;
        if (pad > 0) {
            table = o.node("Pad", "pad_scores").inputs(table, o.i64s(0, 0, 0, pad), o.f(-1)).output(o.fresh("pad")).add();
            tableBoxes = o.node("Pad", "pad_boxes").inputs(candidates, o.i64s(0, 0, 0, 0, pad, 0), o.f(0)).output(o.fresh("pad")).add();
        }
        String[] best = o.topK(table, p.keepTopK);
        String valid = o.node("Cast", "valid").inputs(o.op("Greater", best[0], o.f(-0.5f))).attr("to", (long) TensorProto.DataType.FLOAT_VALUE)
                .output(o.fresh("valid")).add();
        String cls = o.node("Cast", "class").inputs(o.op("Div", best[1], o.t.onnx().int64Scalar(k)))
                .attr("to", (long) TensorProto.DataType.FLOAT_VALUE).output(o.fresh("class")).add();
        String labels = o.op("Sub", o.op("Mul", o.op("Add", cls, o.f(1)), valid), o.f(1));
        String keptScores = o.op("Mul", best[0], valid);
        String keptBoxes = o.node("GatherND", "kept_boxes").inputs(tableBoxes, o.unsqueeze(best[1], -1)).attr("batch_dims", 1L)
                .output(o.fresh("kept_boxes")).add();
        return new Ranked(labels, keptScores, o.op("Mul", keptBoxes, o.unsqueeze(valid, -1)), valid);
    }

    private static boolean flag(UffNode node, String key, boolean fallback) {
        return node.field(key).map(d -> switch (d.getDataOneofCase()) {
            case B -> d.getB();
            case I -> d.getI() != 0;
            case D -> d.getD() != 0;
            default -> throw node.problem("field '" + key + "' is " + d.getDataOneofCase() + ", expected a flag");
        }).orElse(fallback);
    }

    private static long intField(UffNode node, String key, long fallback) {
        return node.field(key).map(d -> d.getDataOneofCase() == Data.DataOneofCase.D ? (long) d.getD() : node.longValue(key, fallback))
                .orElse(fallback);
    }

    private static double number(UffNode node, String key, double fallback) {
        return node.field(key).map(d -> switch (d.getDataOneofCase()) {
            case D -> d.getD();
            case I -> (double) d.getI();
            default -> throw node.problem("field '" + key + "' is " + d.getDataOneofCase() + ", expected a number");
        }).orElse(fallback);
    }

    private static UffFormatRuntimeException unsupported(UffNode node, String what) {
        return node.problem("has " + what + ", which the plain ONNX NMS does not support; translate without {PLAIN_NMS onnx} to keep the plugin");
    }

    /** Small node-writing helpers; every intermediate tensor is named under the NMS node. */
    private static final class Ops {
        private final UffNode node;
        final UffTranslation t;

        Ops(UffNode node, UffTranslation t) {
            this.node = node;
            this.t = t;
        }

        String fresh(String what) {
            return t.scratch(node, what);
        }

        OnnxGraph.Node node(String op, String what) {
            return t.onnx().node(op, fresh(what));
        }

        String op(String op, String... inputs) {
            return node(op, op.toLowerCase()).inputs(inputs).output(fresh(op.toLowerCase())).add();
        }

        String f(float v) {
            return t.onnx().floatConstant(v);
        }

        /** A one-element float tensor (NonMaxSuppression's thresholds). */
        String f1(float v) {
            String name = fresh("threshold");
            t.onnx().addInitializer(name, new long[] {1}, new float[] {v});
            return name;
        }

        String i64s(long... v) {
            return t.onnx().int64Constant(v);
        }

        String reshape(String x, long... shape) {
            return node("Reshape", "reshape").inputs(x, i64s(shape)).output(fresh("reshape")).add();
        }

        String unsqueeze(String x, long axis) {
            return node("Unsqueeze", "unsqueeze").inputs(x, i64s(axis)).output(fresh("unsqueeze")).add();
        }

        String gather(String x, long index, long axis) {
            return gather(x, t.onnx().int64Scalar(index), axis);
        }

        String gather(String x, String indices, long axis) {
            return node("Gather", "gather").inputs(x, indices).attr("axis", axis).output(fresh("gather")).add();
        }

        String slice(String x, long start, long end, long axis) {
            return node("Slice", "slice").inputs(x, i64s(start), i64s(end), i64s(axis)).output(fresh("slice")).add();
        }

        /** TopK along the last axis: {values, indices}. */
        String[] topK(String x, long k) {
            String values = fresh("topk_values");
            String indices = fresh("topk_indices");
            node("TopK", "topk").inputs(x, i64s(k)).outputs(values, indices).add();
            return new String[] {values, indices};
        }
    }
}
