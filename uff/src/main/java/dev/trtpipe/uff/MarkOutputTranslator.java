package dev.trtpipe.uff;

/**
 * {@code MarkOutput}: its single input becomes a graph output under its UFF name, with the element type its
 * translator recorded (TensorRT's ONNX parser rejects an INT32 plugin output declared FLOAT).
 */
final class MarkOutputTranslator implements UffTranslator {

    @Override
    public void translate(UffNode node, UffTranslation t) {
        if (node.inputs().size() != 1) {
            throw node.problem("marks " + node.inputs().size() + " tensors; expected one");
        }
        if (t.options().outputs().isEmpty()) { // else the caller chose the outputs (tao-converter -o)
            declare(t, node.input(0));
        }
    }

    /** Declares UFF tensor {@code tensor} as a graph output under its own name. */
    static void declare(UffTranslation t, String tensor) {
        String name = t.tensor(tensor);
        long[] shape = t.shape(name);
        if (shape == null) {
            t.onnx().addOutput(name, t.type(name), null, false);
            return;
        }
        long[] dims = shape.clone();
        boolean batched = dims.length > 0 && dims[0] == UffTranslation.BATCH;
        if (batched) {
            dims[0] = 1;
        }
        t.onnx().addOutput(name, t.type(name), dims, batched);
    }

    @Override
    public String describe(UffNode node) {
        return "graph output (name kept)";
    }
}
