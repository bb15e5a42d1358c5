package dev.trtpipe.onnx;

import dev.trtpipe.darknet.UpsampleLayer;

/**
 * Nearest-neighbour {@code Resize} (asymmetric coordinates, floor), the only mode that equals darknet's
 * {@code in[y/s][x/s]}; times {@code scale} if not 1. A negative stride (downsampling) sums blocks:
 * {@code AveragePool} times {@code s²·scale}.
 */
final class UpsampleTranslator implements LayerTranslator<UpsampleLayer> {

    @Override
    public void translate(UpsampleLayer l, TranslationContext ctx) {
        OnnxGraph g = ctx.graph();
        String name = l.tensorName();
        float factor = l.scale();
        String resized;
        if (l.stride() > 0) {
            String roi = g.opset() >= 13 ? "" : emptyRoi(g);
            float s = l.stride();
            String scales = g.addInitializer(name + "/scales", new long[]{4}, new float[]{1f, 1f, s, s});
            resized = g.node("Resize", ctx.nodeName(l, "resize")).inputs(ctx.inputOf(l), roi, scales)
                    .output(factor == 1f ? name : name + "/resized")
                    .attr("mode", "nearest")
                    .attr("coordinate_transformation_mode", "asymmetric")
                    .attr("nearest_mode", "floor")
                    .doc(ctx.doc(l)).add();
        } else {
            int s = -l.stride();
            factor *= s * s;
            resized = g.node("AveragePool", ctx.nodeName(l, "avgpool")).inputs(ctx.inputOf(l)).output(name + "/resized")
                    .ints("kernel_shape", s, s).ints("strides", s, s).doc(ctx.doc(l)).add();
        }
        if (factor != 1f) {
            g.node("Mul", ctx.nodeName(l, "scale")).inputs(resized, g.floatConstant(factor)).output(name).doc(ctx.doc(l)).add();
        }
        ctx.produce(l, name);
    }

    /** Opset 11 {@code Resize} needs a {@code roi} input even when unused. */
    private static String emptyRoi(OnnxGraph g) {
        String name = "const/empty_roi";
        return g.hasTensor(name) ? name : g.addInitializer(name, new long[]{0}, new float[0]);
    }
}
