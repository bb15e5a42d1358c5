package dev.trtpipe.darknet;

import java.util.Optional;

/**
 * {@code [scale_channels]} (AB, squeeze-and-excitation): layer {@code from} scaled per channel by the
 * previous layer's C×1×1 output, or per pixel by its first channel when {@code scale_wh=1}.
 */
public record ScaleChannelsLayer(LayerInfo info, int from, boolean scaleWh, Activation activation) implements Layer {

    public static final String TYPE = "scale_channels";

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
        return "from=" + from + (scaleWh ? " scale_wh=1" : "");
    }

    static ScaleChannelsLayer parse(SectionReader s, LayerContext ctx) {
        int from = ctx.resolve("from", SamLayer.single(s, "from"));
        boolean scaleWh = s.getFlag("scale_wh");
        Shape scaled = ctx.layer(from).output();
        Shape scales = ctx.input();
        boolean fits = scaleWh
                ? scales.height() == scaled.height() && scales.width() == scaled.width()
                : scales.channels() == scaled.channels() && scales.height() == 1 && scales.width() == 1;
        if (!fits) {
            throw s.error("the previous layer (" + scales + ") cannot scale layer " + from + " (" + scaled + "); "
                    + (scaleWh ? "scale_wh=1 needs the same height and width" : "it must be " + scaled.channels() + "x1x1"));
        }
        return new ScaleChannelsLayer(ctx.info(scaled), from, scaleWh, Activation.read(s, "linear"));
    }
}
