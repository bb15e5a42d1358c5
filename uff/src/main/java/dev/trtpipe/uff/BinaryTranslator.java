package dev.trtpipe.uff;

import java.util.Map;

/** {@code Binary}: element-wise {@code func} of two tensors with numpy broadcasting, as ONNX's own ops do it. */
final class BinaryTranslator implements UffTranslator {

    private static final Map<String, String> OPS = Map.of(
            "add", "Add", "sub", "Sub", "mul", "Mul", "div", "Div", "max", "Max", "min", "Min", "pow", "Pow");

    @Override
    public void translate(UffNode node, UffTranslation t) {
        String a = t.tensor(node.input(0));
        String b = t.tensor(node.input(1));
        t.onnx().node(onnxOp(node), node.id()).inputs(a, b).output(node.id()).add();
        t.define(node.id(), UffTranslation.broadcast(t.shape(a), t.shape(b)));
    }

    private static String onnxOp(UffNode node) {
        String func = node.string("func", "");
        String op = OPS.get(func);
        if (op == null) {
            throw node.problem("has Binary func '" + func + "'; supported: " + new java.util.TreeSet<>(OPS.keySet()));
        }
        return op;
    }

    @Override
    public String describe(UffNode node) {
        return onnxOp(node);
    }
}
