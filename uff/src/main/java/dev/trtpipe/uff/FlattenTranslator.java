package dev.trtpipe.uff;

/** {@code Flatten}: everything from {@code axis} (default 1) on becomes one dimension. */
final class FlattenTranslator implements UffTranslator {

    @Override
    public void translate(UffNode node, UffTranslation t) {
        String x = t.tensor(node.input(0));
        long[] in = Shapes.requireShape(node, t, x);
        int axis = Shapes.axis(node, node.longValue("axis", 1), in.length);
        t.onnx().node("Flatten", node.id()).inputs(x).output(node.id()).attr("axis", (long) axis).add();
        long lead = 1;
        for (int i = 0; i < axis; i++) {
            lead = in[i] == UffTranslation.BATCH ? UffTranslation.BATCH : lead * in[i];
        }
        t.define(node.id(), new long[] {lead, Shapes.product(in, axis)});
    }

    @Override
    public String describe(UffNode node) {
        return "Flatten";
    }
}
