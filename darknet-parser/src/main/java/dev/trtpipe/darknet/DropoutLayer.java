package dev.trtpipe.darknet;

/** {@code [dropout]}: the identity at inference (darknet aliases its output to its input). */
public record DropoutLayer(LayerInfo info, float probability) implements Layer {

    public static final String TYPE = "dropout";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String parameters() {
        return "probability=" + probability;
    }

    static DropoutLayer parse(SectionReader s, LayerContext ctx) {
        float probability = s.getFloat("probability", 0.2f);
        s.ignore("dropblock", "dropblock_size_rel", "dropblock_size_abs");
        return new DropoutLayer(ctx.info(ctx.input()), probability);
    }
}
