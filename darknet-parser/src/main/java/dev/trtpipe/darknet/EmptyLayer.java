package dev.trtpipe.darknet;

/** {@code [empty]} / {@code [silence]} (AB): the identity. */
public record EmptyLayer(LayerInfo info) implements Layer {

    public static final String TYPE = "empty";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String parameters() {
        return "";
    }

    static EmptyLayer parse(SectionReader s, LayerContext ctx) {
        return new EmptyLayer(ctx.info(ctx.input()));
    }
}
