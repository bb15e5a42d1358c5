package dev.trtpipe.uff;

/** {@code Identity} (also what a Dropout left in an inference graph becomes). */
final class IdentityTranslator implements UffTranslator {

    @Override
    public void translate(UffNode node, UffTranslation t) {
        String x = t.tensor(node.input(0));
        t.onnx().node("Identity", node.id()).inputs(x).output(node.id()).add();
        t.define(node.id(), t.shape(x));
    }

    @Override
    public String describe(UffNode node) {
        return "Identity";
    }
}
