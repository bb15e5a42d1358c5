package dev.trtpipe.darknet;

import java.util.Optional;

/** {@code [sam]} (AB): the previous layer multiplied element-wise by layer {@code from}, then the activation. */
public record SamLayer(LayerInfo info, int from, Activation activation) implements Layer {

    public static final String TYPE = "sam";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Optional<Activation> outputActivation() {
        return Optional.of(activation);
    }

    @Override
    public String parameters() {
        return "from=" + from;
    }

    static SamLayer parse(SectionReader s, LayerContext ctx) {
        int from = ctx.resolve("from", single(s, "from"));
        Shape other = ctx.layer(from).output();
        if (!other.equals(ctx.input())) {
            throw s.error(s.lineOf("from"), "layer " + from + " (" + other + ") and the previous layer (" + ctx.input()
                    + ") must have the same shape");
        }
        return new SamLayer(ctx.info(ctx.input()), from, Activation.read(s, "linear"));
    }

    static int single(SectionReader s, String key) {
        int[] refs = s.requireInts(key);
        if (refs.length != 1) {
            throw s.error(s.lineOf(key), key + " must name exactly one layer");
        }
        return refs[0];
    }
}
