package dev.trtpipe.uff;

/**
 * {@code Const}: nothing to emit yet. {@link UffTranslation#tensor} makes it an initializer when an op reads
 * it as a tensor; ops that read it as values (shapes, axes, pads) never put it in the ONNX graph.
 */
final class ConstTranslator implements UffTranslator {

    @Override
    public void translate(UffNode node, UffTranslation t) {
        t.uff().constant(node.id()); // validates dtype and size now, so a bad blob is reported at its node
    }

    @Override
    public String describe(UffNode node) {
        return "initializer (when used as a tensor)";
    }
}
