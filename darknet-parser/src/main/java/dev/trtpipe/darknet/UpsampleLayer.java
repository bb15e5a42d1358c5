package dev.trtpipe.darknet;

/**
 * {@code [upsample]}: nearest-neighbour by {@code stride}, times {@code scale}; a negative stride sums
 * each {@code |stride|²} block instead (darknet.md §6.5).
 */
public record UpsampleLayer(LayerInfo info, int stride, float scale) implements Layer {

    public static final String TYPE = "upsample";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String parameters() {
        return "stride=" + stride + (scale != 1f ? " scale=" + scale : "");
    }

    static UpsampleLayer parse(SectionReader s, LayerContext ctx) {
        Shape in = ctx.input();
        int stride = s.getInt("stride", 2);
        float scale = s.getFloat("scale", 1f);
        if (stride == 0) {
            throw s.error(s.lineOf("stride"), "stride=0 is not allowed");
        }
        Shape out = stride > 0
                ? new Shape(in.channels(), Math.multiplyExact(in.height(), stride), Math.multiplyExact(in.width(), stride))
                : new Shape(in.channels(), in.height() / -stride, in.width() / -stride);
        return new UpsampleLayer(ctx.info(out), stride, scale);
    }
}
