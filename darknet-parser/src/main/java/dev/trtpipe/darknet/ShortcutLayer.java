package dev.trtpipe.darknet;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code [shortcut]}: the previous layer plus the {@code from} layers, optionally weighted (AB
 * {@code weights_type}), then the activation (darknet.md §6.7). Channel counts may differ: an addend
 * with fewer channels is added to the first ones only, one with more channels contributes its first
 * {@code C} (AB adds at flat indices below the smaller size).
 */
public record ShortcutLayer(LayerInfo info, List<Integer> from, Activation activation, WeightsType weightsType,
                            WeightsNormalization weightsNormalization) implements Layer {

    public static final String TYPE = "shortcut";

    /** AB's learned fusion weights: none, one per input ({@code per_feature}/{@code per_layer}), or per input channel. */
    public enum WeightsType { NONE, PER_FEATURE, PER_CHANNEL }

    /** How AB normalises fusion weights before use. */
    public enum WeightsNormalization { NONE, RELU, SOFTMAX }

    public ShortcutLayer {
        from = List.copyOf(from);
    }

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
        return "from=" + from.stream().map(String::valueOf).collect(Collectors.joining(","))
                + (weightsType != WeightsType.NONE ? " weights_type=" + weightsType.name().toLowerCase(Locale.ROOT)
                + " weights_normalization=" + weightsNormalization.name().toLowerCase(Locale.ROOT) : "");
    }

    /** Fusion weights per addend (the previous layer first): 1, or the channel count. */
    public int weightsPerInput() {
        return weightsType == WeightsType.PER_CHANNEL ? output().channels() : 1;
    }

    @Override
    public List<WeightSegment> weightLayout() {
        return weightsType == WeightsType.NONE ? List.of()
                : List.of(new WeightSegment(WeightKind.WEIGHTS, (long) (from.size() + 1) * weightsPerInput()));
    }

    static ShortcutLayer parse(SectionReader s, LayerContext ctx) {
        Shape in = ctx.input();
        List<Integer> from = ctx.resolveAll("from", s.requireInts("from"));
        for (int source : from) {
            Shape shape = ctx.layer(source).output();
            if (shape.height() != in.height() || shape.width() != in.width()) {
                throw s.error(s.lineOf("from"), "cannot add layer " + source + " (" + shape + ") to the previous layer ("
                        + in + "): heights and widths differ (darknet's strided sampling is not supported)");
            }
        }
        Activation activation = Activation.read(s, "linear");
        WeightsType type = switch (s.getString("weights_type", "none")) {
            case "none" -> WeightsType.NONE;
            case "per_feature", "per_layer" -> WeightsType.PER_FEATURE;
            case "per_channel" -> WeightsType.PER_CHANNEL;
            default -> throw s.error(s.lineOf("weights_type"), "unknown weights_type '" + s.getString("weights_type", "")
                    + "'; use none, per_feature, per_layer or per_channel");
        };
        WeightsNormalization normalization = switch (s.getString("weights_normalization", "none")) {
            case "none" -> WeightsNormalization.NONE;
            case "relu" -> WeightsNormalization.RELU;
            case "softmax" -> WeightsNormalization.SOFTMAX;
            default -> throw s.error(s.lineOf("weights_normalization"), "weights_normalization '"
                    + s.getString("weights_normalization", "") + "' is not supported; use none, relu or softmax");
        };
        for (String key : new String[]{"alpha", "beta"}) {
            if (s.getFloat(key, 1f) != 1f) {
                throw s.error(s.lineOf(key), key + " other than 1 is pjreddie-only and not supported");
            }
        }
        return new ShortcutLayer(ctx.info(in), from, activation, type, normalization);
    }
}
