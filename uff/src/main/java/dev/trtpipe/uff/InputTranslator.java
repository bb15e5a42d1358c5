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
        UffTranslationOptions.InputLayout layout = t.options().inputLayout();
        if (layout == UffTranslationOptions.InputLayout.NC && dims.length != 2) {
            throw node.problem("has shape " + java.util.Arrays.toString(shape) + ", not the [N, C] that {INPUT_ORDER nc} declares");
        }
        if (layout == UffTranslationOptions.InputLayout.NHWC && dims.length == 4) {
            // the caller feeds N, H, W, C; the graph reads N, C, H, W
            t.onnx().addInput(node.id(), new long[] {1, dims[2], dims[3], dims[1]}, true);
            String nchw = t.onnx().node("Transpose", t.scratch(node, "to_nchw")).inputs(node.id()).output(t.scratch(node, "nchw"))
                    .ints("perm", 0, 3, 1, 2).add();
            t.alias(node.id(), nchw);
            dims[0] = UffTranslation.BATCH;
            t.define(nchw, dims);
            return;
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
