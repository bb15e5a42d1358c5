package dev.trtpipe.darknet;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code [connected]}: {@code y = W·x + b} over the flattened C·H·W input, optional batch norm, then the
 * activation; output {@code outputs×1×1}. Its weights record puts the BN arrays after the matrix.
 */
public record ConnectedLayer(LayerInfo info, int outputs, boolean batchNormalize, Activation activation)
        implements Layer {

    public static final String TYPE = "connected";

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
        return "output=" + outputs + (batchNormalize ? " bn" : "");
    }

    @Override
    public List<WeightSegment> weightLayout() {
        List<WeightSegment> layout = new ArrayList<>(5);
        layout.add(new WeightSegment(WeightKind.BIASES, outputs));
        layout.add(new WeightSegment(WeightKind.WEIGHTS, outputs * input().elements()));
        if (batchNormalize) {
            layout.add(new WeightSegment(WeightKind.SCALES, outputs));
            layout.add(new WeightSegment(WeightKind.ROLLING_MEAN, outputs));
            layout.add(new WeightSegment(WeightKind.ROLLING_VARIANCE, outputs));
        }
        return layout;
    }

    static ConnectedLayer parse(SectionReader s, LayerContext ctx) {
        int outputs = ctx.positive("output", s.getInt("output", 1));
        boolean bn = s.getFlag("batch_normalize");
        return new ConnectedLayer(ctx.info(new Shape(outputs, 1, 1)), outputs, bn, Activation.read(s, "logistic"));
    }
}
