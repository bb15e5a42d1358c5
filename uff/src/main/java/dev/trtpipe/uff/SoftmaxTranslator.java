package dev.trtpipe.uff;

/**
 * {@code Softmax} over {@code axis}. UFF graphs are channels-first, so without a field the channel axis
 * (1) is meant, the axis Keras' softmax used before the converter moved channels forward.
 */
final class SoftmaxTranslator implements UffTranslator {

    @Override
    public void translate(UffNode node, UffTranslation t) {
        String x = t.tensor(node.input(0));
        long[] in = Shapes.requireShape(node, t, x);
        int axis = Shapes.axis(node, node.longValue("axis", 1), in.length);
        t.onnx().node("Softmax", node.id()).inputs(x).output(node.id()).attr("axis", (long) axis).add();
        t.define(node.id(), in);
    }

    @Override
    public String describe(UffNode node) {
        return "Softmax (axis " + node.longValue("axis", 1) + ")";
    }
}
