package dev.trtpipe.uff;

/** {@code Gather} / {@code GatherV2}: inputs {@code [params, indices]}, along {@code axis} (default 0). */
final class GatherTranslator implements UffTranslator {

    @Override
    public void translate(UffNode node, UffTranslation t) {
        String params = t.tensor(node.input(0));
        String indices = t.tensor(node.input(1));
        long[] p = Shapes.requireShape(node, t, params);
        long[] i = Shapes.requireShape(node, t, indices);
        int axis = Shapes.axis(node, node.longValue("axis", 0), p.length);
        t.onnx().node("Gather", node.id()).inputs(params, indices).output(node.id()).attr("axis", (long) axis).add();
        long[] out = new long[p.length - 1 + i.length];
        System.arraycopy(p, 0, out, 0, axis);
        System.arraycopy(i, 0, out, axis, i.length);
        System.arraycopy(p, axis + 1, out, axis + i.length, p.length - axis - 1);
        t.define(node.id(), out);
    }

    @Override
    public String describe(UffNode node) {
        return "Gather";
    }
}
