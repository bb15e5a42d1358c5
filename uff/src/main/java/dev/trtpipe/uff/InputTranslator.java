package dev.trtpipe.uff;

/** {@code Input}: a float32 graph input, NCHW as declared, with a symbolic batch (the UFF's -1). */
final class InputTranslator implements UffTranslator {

    @Override
    public void translate(UffNode node, UffTranslation t) {
        long[] shape = node.longs("shape").orElseThrow(() -> node.problem("has no 'shape'"));
        if (shape.length == 0) {
            throw node.problem("has an empty shape");
        }
        long[] dims = shape.clone();
        dims[0] = 1; // written as the symbolic "N"
        for (int i = 1; i < dims.length; i++) {
            if (dims[i] < 1) {
                throw node.problem("has shape " + java.util.Arrays.toString(shape) + "; only the batch may be unknown (-1)");
            }
        }
        t.onnx().addInput(node.id(), dims, true);
        dims[0] = UffTranslation.BATCH;
        t.define(node.id(), dims);
    }

    @Override
    public String describe(UffNode node) {
        return "graph input (batch N)";
    }
}
