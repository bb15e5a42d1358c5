package dev.trtpipe.darknet;

/**
 * {@code [reorg]} with darknet's old semantics (PJ, AB's REORG_OLD): not SpaceToDepth, but
 * {@code Reshape(C/s², H, s, W, s) → Transpose(0,3,5,1,2,4) → Reshape(C·s², H/s, W/s)} (darknet.md §6.9).
 */
public record ReorgLayer(LayerInfo info, int stride) implements Layer {

    public static final String TYPE = "reorg";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String parameters() {
        return "stride=" + stride;
    }

    static ReorgLayer parse(SectionReader s, LayerContext ctx) {
        int stride = ctx.positive("stride", s.getInt("stride", 1));
        s.rejectUnless("reverse", "0", "reverse reorg");
        s.rejectUnless("flatten", "0", "flattening reorg");
        s.rejectUnless("extra", "0", "extra reorg outputs");
        Shape in = ctx.input();
        if (in.channels() % (stride * stride) != 0 || in.height() % stride != 0 || in.width() % stride != 0) {
            throw s.error("stride=" + stride + " must divide the input height and width and stride² the channels (input " + in + ")");
        }
        return new ReorgLayer(ctx.info(spaceToDepth(in, stride)), stride);
    }

    static Shape spaceToDepth(Shape in, int stride) {
        return new Shape(in.channels() * stride * stride, in.height() / stride, in.width() / stride);
    }
}
