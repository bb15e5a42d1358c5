package dev.trtpipe.darknet;

/** {@code [avgpool]}: global average pooling to C×1×1. */
public record AvgpoolLayer(LayerInfo info) implements Layer {

    public static final String TYPE = "avgpool";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String parameters() {
        return "global";
    }

    static AvgpoolLayer parse(SectionReader s, LayerContext ctx) {
        return new AvgpoolLayer(ctx.info(new Shape(ctx.input().channels(), 1, 1)));
    }
}
