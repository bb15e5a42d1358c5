package dev.trtpipe.darknet;

import java.util.Arrays;

/**
 * {@code [region]} (YOLOv2): {@code num} anchors in grid cells, {@code coords+1+classes} channels each,
 * softmax over classes when {@code softmax=1} (darknet.md §6.12).
 */
public record RegionLayer(LayerInfo info, int classes, int coords, int num, float[] anchors, boolean softmax)
        implements Layer {

    public static final String TYPE = "region";

    public RegionLayer {
        anchors = anchors.clone();
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public float[] anchors() {
        return anchors.clone();
    }

    @Override
    public String parameters() {
        return "classes=" + classes + " num=" + num + (softmax ? " softmax" : "");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegionLayer r && info.equals(r.info) && classes == r.classes && coords == r.coords
                && num == r.num && Arrays.equals(anchors, r.anchors) && softmax == r.softmax;
    }

    @Override
    public int hashCode() {
        return info.hashCode() * 31 + Arrays.hashCode(anchors);
    }

    @Override
    public String toString() {
        return "RegionLayer[" + info + ", " + parameters() + "]";
    }

    static RegionLayer parse(SectionReader s, LayerContext ctx) {
        Shape in = ctx.input();
        int classes = ctx.positive("classes", s.getInt("classes", 20));
        int coords = s.getInt("coords", 4);
        if (coords != 4) {
            throw s.error(s.lineOf("coords"), "coords=" + coords + " is not supported (only 4)");
        }
        int num = ctx.positive("num", s.getInt("num", 1));
        float[] anchors = s.getFloats("anchors", new float[0]);
        if (anchors.length < 2 * num) {
            throw s.error(s.lineOf("anchors"), "anchors has " + anchors.length + " values but num=" + num + " needs "
                    + 2 * num + " (w,h pairs in grid cells)");
        }
        int expected = num * (coords + 1 + classes);
        if (in.channels() != expected) {
            throw s.error("expects num·(coords+1+classes) = " + expected + " input channels but gets "
                    + in.channels() + "; set filters=" + expected + " in the [convolutional] before it");
        }
        s.rejectUnless("tree", "0", "hierarchical softmax");
        s.rejectUnless("map", "0", "class map");
        s.rejectUnless("background", "0", "background class");
        s.ignore("log", "sqrt", "jitter", "rescore", "thresh", "classfix", "absolute", "random", "coord_scale",
                "object_scale", "noobject_scale", "mask_scale", "class_scale", "bias_match", "max", "focal_loss",
                "resize");
        return new RegionLayer(ctx.info(in), classes, coords, num, Arrays.copyOf(anchors, 2 * num), s.getFlag("softmax"));
    }
}
