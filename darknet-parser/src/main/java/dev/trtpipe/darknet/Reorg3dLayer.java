package dev.trtpipe.darknet;

/** {@code [reorg3d]} (AB): exactly ONNX {@code SpaceToDepth(blocksize=stride)} (darknet.md §6.9). */
public record Reorg3dLayer(LayerInfo info, int stride) implements Layer {

    public static final String TYPE = "reorg3d";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String parameters() {
        return "stride=" + stride;
    }

    static Reorg3dLayer parse(SectionReader s, LayerContext ctx) {
        int stride = ctx.positive("stride", s.getInt("stride", 1));
        s.rejectUnless("reverse", "0", "reverse reorg");
        Shape in = ctx.input();
        if (in.height() % stride != 0 || in.width() % stride != 0) {
            throw s.error("stride=" + stride + " must divide the input height and width (input " + in + ")");
        }
        return new Reorg3dLayer(ctx.info(ReorgLayer.spaceToDepth(in, stride)), stride);
    }
}
