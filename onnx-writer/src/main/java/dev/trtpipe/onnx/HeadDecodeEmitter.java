package dev.trtpipe.onnx;

import dev.trtpipe.darknet.DetectionSpec;
import dev.trtpipe.darknet.DetectionSpec.Head;
import dev.trtpipe.darknet.DetectionSpec.HeadKind;
import java.util.Locale;

/**
 * Emits the nodes that decode one head's raw conv tensor {@code (N, A·(5+C), H, W)} into darknet's
 * candidates (darknet.md §6.11, §6.12): boxes {@code (N, K, 4)} as centre x, y, width, height relative to
 * the network input, objectness {@code (N, K, 1)} and scores {@code (N, K, C)} = objectness · class
 * probability, with K = A·H·W in darknet's candidate order — cells row-major then anchors for
 * {@code [yolo]}, anchors then cells for {@code [region]}.
 *
 * <p>The float operations follow the Java decoder ({@code dev.trtpipe.detect.postprocess}) step for step:
 * {@code (col + σ(tx)·s + shift) / W}; {@code tw²·4·anchor / netW} (new_coords) is bit-identical, and
 * {@code e^tw·anchor / netW} differs only by the float {@code Exp} (Java computes it in double). Grid and
 * anchor constants broadcast over the batch, so only the batch axis is symbolic ({@code 0}/{@code -1}
 * reshape targets).
 */
final class HeadDecodeEmitter {

    /** The three tensors of one decoded head. */
    record Decoded(String boxes, String objectness, String scores) {
    }

    private final OnnxGraph g;
    private final DetectionSpec spec;

    HeadDecodeEmitter(OnnxGraph graph, DetectionSpec spec) {
        this.g = graph;
        this.spec = spec;
    }

    Decoded emit(HeadOutput headOutput) {
        Head head = headOutput.head();
        boolean yolo = head.kind() == HeadKind.YOLO;
        int slots = 5 + head.classes();
        String p = "decode/" + headOutput.tensor() + "/";
        Ops ops = new Ops(p, "trtpipe --head decode: darknet [" + head.kind().name().toLowerCase(Locale.ROOT)
                + "] layer " + head.layerIndex());

        // (N, A·S, H, W) → (N, A, S, H·W) → yolo (N, H·W, A, S) | region (N, A, H·W, S)
        String split = ops.reshape(headOutput.tensor(), "split", 0, head.anchorCount(), slots,
                head.gridWidth() * head.gridHeight());
        String t = ops.transpose(split, "candidates", yolo ? new long[]{0, 3, 1, 2} : new long[]{0, 1, 3, 2});
        String xy = ops.slice(t, "xy", 0, 2);
        String obj = ops.slice(t, "obj", 4, 5);
        String cls = ops.slice(t, "cls", 5, slots);
        if (!(yolo && head.newCoords())) { // new_coords: the feeding conv already applied logistic
            xy = ops.unary("Sigmoid", xy, "xy_sigmoid");
            obj = ops.unary("Sigmoid", obj, "obj_sigmoid");
            cls = yolo ? ops.unary("Sigmoid", cls, "cls_sigmoid") : ops.softmax(cls, "cls_softmax");
        }
        String box = ops.concat("box", centres(ops, p, head, xy), sizes(ops, p, head, ops.slice(t, "wh", 2, 4)));
        String score = ops.binary("Mul", obj, cls, "score");
        return new Decoded(ops.reshape(box, "boxes", 0, -1, 4), ops.reshape(obj, "objectness", 0, -1, 1),
                ops.reshape(score, "scores", 0, -1, head.classes()));
    }

    /** {@code (col + x·s − (s − 1)/2) / W}, {@code (row + …) / H}: the centre relative to the input. */
    private String centres(Ops ops, String p, Head head, String xy) {
        if (head.kind() == HeadKind.YOLO && head.scaleXY() != 1f) {
            // AB's mapping, the shift rounded to float as darknet passes it
            float shift = (float) (-0.5 * (head.scaleXY() - 1));
            xy = ops.binary("Add", ops.binary("Mul", xy, g.floatConstant(head.scaleXY()), "xy_scaled"),
                    g.floatConstant(shift), "xy_shifted");
        }
        String cell = ops.binary("Add", xy, gridOffsets(p, head), "xy_cell");
        return ops.binary("Div", cell, gridSize(p, head), "xy_rel");
    }

    /**
     * Width and height relative to the input: {@code e^t·anchor / netW} ({@code [yolo]}, anchors in input
     * pixels), {@code t²·4·anchor / netW} (new_coords), {@code e^t·anchor / W} ({@code [region]}, anchors in cells).
     */
    private String sizes(Ops ops, String p, Head head, String wh) {
        boolean yolo = head.kind() == HeadKind.YOLO;
        String scaled = yolo && head.newCoords()
                ? ops.binary("Mul", ops.binary("Mul", wh, wh, "wh_squared"), g.floatConstant(4f), "wh_times4")
                : ops.unary("Exp", wh, "wh_exp");
        String anchored = ops.binary("Mul", scaled, anchorConstant(p, head), "wh_anchor");
        return ops.binary("Div", anchored, yolo ? netSize() : gridSize(p, head), "wh_rel");
    }

    /** (column, row) per cell: shape (H·W, 1, 2) against yolo's (N, H·W, A, 2), (H·W, 2) against region's (N, A, H·W, 2). */
    private String gridOffsets(String p, Head head) {
        boolean yolo = head.kind() == HeadKind.YOLO;
        int cells = head.gridWidth() * head.gridHeight();
        float[] v = new float[2 * cells];
        for (int cell = 0; cell < cells; cell++) {
            v[2 * cell] = cell % head.gridWidth();
            v[2 * cell + 1] = cell / head.gridWidth();
        }
        return g.addInitializer(p + "grid_offsets", yolo ? new long[]{cells, 1, 2} : new long[]{cells, 2}, v);
    }

    /** (w, h) per anchor slot: shape (A, 2) against yolo's (N, H·W, A, 2), (A, 1, 2) against region's (N, A, H·W, 2). */
    private String anchorConstant(String p, Head head) {
        boolean yolo = head.kind() == HeadKind.YOLO;
        int a = head.anchorCount();
        return g.addInitializer(p + "anchors", yolo ? new long[]{a, 2} : new long[]{a, 1, 2}, head.anchors());
    }

    private String gridSize(String p, Head head) {
        return constant(p + "grid_size", new long[]{2}, head.gridWidth(), head.gridHeight());
    }

    private String netSize() {
        return constant("decode/net_size", new long[]{2}, spec.inputWidth(), spec.inputHeight());
    }

    private String constant(String name, long[] dims, float... values) {
        return g.hasTensor(name) ? name : g.addInitializer(name, dims, values);
    }

    /** Node helpers naming every tensor {@code prefix + step}. */
    private final class Ops {
        private final String prefix;
        private final String doc;

        Ops(String prefix, String doc) {
            this.prefix = prefix;
            this.doc = doc;
        }

        String unary(String op, String x, String step) {
            return g.node(op, prefix + step).inputs(x).output(prefix + step).doc(doc).add();
        }

        String binary(String op, String a, String b, String step) {
            return g.node(op, prefix + step).inputs(a, b).output(prefix + step).doc(doc).add();
        }

        String transpose(String x, String step, long... perm) {
            return g.node("Transpose", prefix + step).inputs(x).output(prefix + step).ints("perm", perm).doc(doc).add();
        }

        String softmax(String x, String step) {
            return g.node("Softmax", prefix + step).inputs(x).output(prefix + step).attr("axis", -1L).doc(doc).add();
        }

        String concat(String step, String... parts) {
            return g.node("Concat", prefix + step).inputs(parts).output(prefix + step).attr("axis", -1L).doc(doc).add();
        }

        String reshape(String x, String step, long... shape) {
            return binary("Reshape", x, g.int64Constant(shape), step);
        }

        /** Channels {@code [from, to)} of the last axis. */
        String slice(String x, String step, long from, long to) {
            return g.node("Slice", prefix + step).inputs(x, g.int64Constant(from), g.int64Constant(to), g.int64Constant(-1))
                    .output(prefix + step).doc(doc).add();
        }
    }
}
