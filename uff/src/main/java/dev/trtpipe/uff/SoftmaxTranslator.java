package dev.trtpipe.uff;

/**
 * {@code Softmax} over {@code axis}. The UFF converter writes axis 0 when TensorFlow's softmax had no axis
 * input (TensorFlow's "last axis", the classes) and the data is channels-first, so 0 or no field means
 * the class/channel axis 1; other values are TensorFlow axes counting the batch.
 */
final class SoftmaxTranslator implements UffTranslator {

    @Override
    public void translate(UffNode node, UffTranslation t) {
        String x = t.tensor(node.input(0));
        long[] in = Shapes.requireShape(node, t, x);
        int axis = Shapes.axis(node, axisOf(node), in.length);
        t.onnx().node("Softmax", node.id()).inputs(x).output(node.id()).attr("axis", (long) axis).add();
        t.define(node.id(), in);
    }

    @Override
    public String describe(UffNode node) {
        return "Softmax (axis " + axisOf(node) + ")";
    }

    private static long axisOf(UffNode node) {
        long axis = node.longValue("axis", 0);
        return axis == 0 ? 1 : axis;
    }
}
