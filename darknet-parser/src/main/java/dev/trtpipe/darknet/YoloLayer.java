package dev.trtpipe.darknet;

import java.util.Arrays;

/**
 * {@code [yolo]}: a detection head over the previous layer's {@code len(mask)·(classes+5)} channels.
 * {@code anchors} holds all {@code num} (w, h) pairs in network-input pixels; {@code mask} picks this
 * head's (darknet.md §6.11).
 */
public record YoloLayer(LayerInfo info, int classes, int[] mask, float[] anchors, float scaleXY, boolean newCoords,
                        NmsKind nmsKind, float betaNms) implements Layer {

    public static final String TYPE = "yolo";

    public YoloLayer {
        mask = mask.clone();
        anchors = anchors.clone();
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int[] mask() {
        return mask.clone();
    }

    @Override
    public float[] anchors() {
        return anchors.clone();
    }

    /** This head's (w, h) anchor pairs, in the order of its anchor slots. */
    public float[] maskedAnchors() {
        float[] out = new float[2 * mask.length];
        for (int a = 0; a < mask.length; a++) {
            out[2 * a] = anchors[2 * mask[a]];
            out[2 * a + 1] = anchors[2 * mask[a] + 1];
        }
        return out;
    }

    @Override
    public String parameters() {
        return "classes=" + classes + " mask=" + Arrays.toString(mask).replace(" ", "")
                + (scaleXY != 1f ? " scale_x_y=" + scaleXY : "") + (newCoords ? " new_coords=1" : "");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof YoloLayer y && info.equals(y.info) && classes == y.classes && Arrays.equals(mask, y.mask)
                && Arrays.equals(anchors, y.anchors) && Float.compare(scaleXY, y.scaleXY) == 0
                && newCoords == y.newCoords && nmsKind == y.nmsKind && Float.compare(betaNms, y.betaNms) == 0;
    }

    @Override
    public int hashCode() {
        return info.hashCode() * 31 + Arrays.hashCode(mask);
    }

    @Override
    public String toString() {
        return "YoloLayer[" + info + ", " + parameters() + "]";
    }

    static YoloLayer parse(SectionReader s, LayerContext ctx) {
        Shape in = ctx.input();
        int classes = ctx.positive("classes", s.getInt("classes", 20));
        int num = ctx.positive("num", s.getInt("num", 1));
        int[] mask = s.getInts("mask", null);
        if (mask == null) {
            mask = new int[num];
            Arrays.setAll(mask, i -> i);
        }
        for (int m : mask) {
            if (m < 0 || m >= num) {
                throw s.error(s.lineOf("mask"), "mask entry " + m + " is not an anchor index 0.." + (num - 1) + " (num=" + num + ")");
            }
        }
        float[] anchors = s.getFloats("anchors", new float[0]);
        if (anchors.length < 2 * num) {
            throw s.error(s.lineOf("anchors"), "anchors has " + anchors.length + " values but num=" + num + " needs "
                    + 2 * num + " (w,h pairs)");
        }
        anchors = Arrays.copyOf(anchors, 2 * num);
        int expected = mask.length * (classes + 5);
        if (in.channels() != expected) {
            Layer prev = ctx.previous();
            throw s.error("expects len(mask)·(classes+5) = " + mask.length + "·(" + classes + "+5) = " + expected
                    + " input channels, but " + (prev == null ? "the input" : "layer " + prev.index() + " [" + prev.type()
                    + "] at line " + prev.line()) + " outputs " + in.channels() + "; set filters=" + expected
                    + " in the [convolutional] before it (or fix classes/mask)");
        }
        float scaleXY = s.getFloat("scale_x_y", 1f);
        boolean newCoords = s.getFlag("new_coords");
        String nmsName = s.getString("nms_kind", "default");
        NmsKind nmsKind = NmsKind.fromCfgName(nmsName);
        if (nmsKind == null) {
            throw s.error(s.lineOf("nms_kind"), "nms_kind=" + nmsName + " is not supported; use default, greedynms or diounms");
        }
        float betaNms = s.getFloat("beta_nms", 0.6f);
        s.ignore("jitter", "ignore_thresh", "truth_thresh", "iou_thresh", "random", "max", "iou_loss", "iou_normalizer",
                "obj_normalizer", "cls_normalizer", "delta_normalizer", "uc_normalizer", "label_smooth_eps",
                "objectness_smooth", "counters_per_class", "max_delta", "resize", "focal_loss", "show_details",
                "iou_thresh_kind", "track_history_size", "sim_thresh", "dets_for_track", "dets_for_show",
                "track_ciou_norm", "embedding_layer", "map");
        return new YoloLayer(ctx.info(in), classes, mask, anchors, scaleXY, newCoords, nmsKind, betaNms);
    }
}
