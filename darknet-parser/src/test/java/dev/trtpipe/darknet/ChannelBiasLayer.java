package dev.trtpipe.darknet;

import java.util.List;

/**
 * A test-only section, {@code [channel_bias] scale=s}: y[c][h][w] = s·x[c][h][w] + bias[c], with one bias per
 * channel in the weights file. It exists to show the contract of {@link SectionKinds}: this record plus one
 * registration ({@link TestSections}) is all darknet-parser needs to parse, count, shape and load a section.
 */
public record ChannelBiasLayer(LayerInfo info, float scale) implements Layer {

    public static final String TYPE = "channel_bias";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String parameters() {
        return "scale=" + scale;
    }

    @Override
    public List<WeightSegment> weightLayout() {
        return List.of(new WeightSegment(WeightKind.BIASES, input().channels()));
    }

    static ChannelBiasLayer parse(SectionReader s, LayerContext ctx) {
        float scale = s.getFloat("scale", 1f);
        if (!(scale > 0)) {
            throw s.error("scale=" + scale + " must be positive");
        }
        return new ChannelBiasLayer(ctx.info(ctx.input()), scale);
    }
}
