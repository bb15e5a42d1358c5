package dev.trtpipe.onnx;

import dev.trtpipe.darknet.Shape;
import dev.trtpipe.darknet.ShortcutLayer;
import dev.trtpipe.darknet.ShortcutLayer.WeightsNormalization;
import dev.trtpipe.darknet.ShortcutLayer.WeightsType;
import dev.trtpipe.darknet.WeightKind;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code Add}/{@code Sum} of the previous layer and the {@code from} layers (darknet.md §6.7). An addend
 * with more channels than the previous layer is cut with {@code Slice}, one with fewer is zero-padded
 * with {@code Pad} (AB adds at flat indices below the smaller size). AB's fusion weights are normalised
 * here exactly as {@code shortcut_multilayer_cpu} does, in float, and applied with {@code Mul}.
 */
final class ShortcutTranslator implements LayerTranslator<ShortcutLayer> {

    @Override
    public void translate(ShortcutLayer l, TranslationContext ctx) {
        OnnxGraph g = ctx.graph();
        int channels = l.output().channels();
        float[][] fusion = l.weightsType() == WeightsType.NONE ? null : normalizedWeights(l, ctx);
        List<String> addends = new ArrayList<>();
        addends.add(weighted(ctx, l, ctx.inputOf(l), 0, fusion));
        for (int i = 0; i < l.from().size(); i++) {
            int source = l.from().get(i);
            String tensor = fitChannels(ctx, l, i, ctx.tensorOf(source), ctx.model().layer(source).output(), channels);
            addends.add(weighted(ctx, l, tensor, i + 1, fusion));
        }
        String preActivation = ctx.preActivationName(l, l.activation());
        g.node(addends.size() == 2 ? "Add" : "Sum", ctx.nodeName(l, "add")).inputs(addends.toArray(String[]::new))
                .output(preActivation).doc(ctx.doc(l)).add();
        ctx.finish(l, l.activation(), preActivation);
    }

    private static String fitChannels(TranslationContext ctx, ShortcutLayer l, int i, String tensor, Shape shape, int channels) {
        OnnxGraph g = ctx.graph();
        if (shape.channels() > channels) {
            return g.node("Slice", ctx.nodeName(l, "slice_" + i))
                    .inputs(tensor, g.int64Constant(0), g.int64Constant(channels), g.int64Constant(1))
                    .output(l.tensorName() + "/slice_" + i).doc(ctx.doc(l)).add();
        }
        if (shape.channels() < channels) {
            String pads = g.int64Constant(0, 0, 0, 0, 0, channels - shape.channels(), 0, 0);
            return g.node("Pad", ctx.nodeName(l, "pad_" + i)).inputs(tensor, pads)
                    .output(l.tensorName() + "/pad_" + i).doc(ctx.doc(l)).add();
        }
        return tensor;
    }

    private static String weighted(TranslationContext ctx, ShortcutLayer l, String tensor, int input, float[][] fusion) {
        if (fusion == null) {
            return tensor;
        }
        OnnxGraph g = ctx.graph();
        float[] w = fusion[input];
        String weights = w.length == 1 ? g.floatConstant(w[0])
                : g.addInitializer(l.tensorName() + "/weights_" + input, new long[]{1, w.length, 1, 1}, w);
        return g.node("Mul", ctx.nodeName(l, "weight_" + input)).inputs(tensor, weights)
                .output(l.tensorName() + "/weighted_" + input).doc(ctx.doc(l)).add();
    }

    /**
     * {@code [input][channel]} fusion weights after AB's normalisation (per channel, over the inputs):
     * relu: {@code relu(w)/(1e-4 + Σ relu)}, softmax: {@code e^(w−max)/(1e-4 + Σ e^(w−max))}.
     */
    static float[][] normalizedWeights(ShortcutLayer l, TranslationContext ctx) {
        float[] raw = ctx.weightsOf(l).get(WeightKind.WEIGHTS).toArray();
        int inputs = l.from().size() + 1;
        int per = l.weightsPerInput();
        float[][] out = new float[inputs][per];
        for (int c = 0; c < per; c++) {
            float max = -Float.MAX_VALUE;
            for (int i = 0; i < inputs; i++) {
                max = Math.max(max, raw[c + i * per]);
            }
            float sum = 0.0001f;
            for (int i = 0; i < inputs; i++) {
                sum += normalizedNumerator(l.weightsNormalization(), raw[c + i * per], max);
            }
            for (int i = 0; i < inputs; i++) {
                float w = raw[c + i * per];
                out[i][c] = l.weightsNormalization() == WeightsNormalization.NONE ? w
                        : normalizedNumerator(l.weightsNormalization(), w, max) / sum;
            }
        }
        return out;
    }

    private static float normalizedNumerator(WeightsNormalization n, float w, float max) {
        return switch (n) {
            case NONE -> w;
            case RELU -> Math.max(w, 0f);
            case SOFTMAX -> (float) Math.exp(w - max);
        };
    }
}
