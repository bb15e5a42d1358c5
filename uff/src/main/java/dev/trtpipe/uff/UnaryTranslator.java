package dev.trtpipe.uff;

import java.util.Map;

/**
 * {@code Unary}: element-wise {@code func}. Most map to one ONNX op; {@code rsqrt} (the unfolded batch
 * norm's) is {@code Reciprocal(Sqrt(x))} and {@code square} is {@code Mul(x, x)}.
 */
final class UnaryTranslator implements UffTranslator {

    private static final Map<String, String> OPS = Map.ofEntries(
            Map.entry("neg", "Neg"), Map.entry("exp", "Exp"), Map.entry("log", "Log"), Map.entry("abs", "Abs"),
            Map.entry("sqrt", "Sqrt"), Map.entry("reciprocal", "Reciprocal"), Map.entry("floor", "Floor"),
            Map.entry("ceil", "Ceil"), Map.entry("sin", "Sin"), Map.entry("cos", "Cos"), Map.entry("tan", "Tan"),
            Map.entry("asin", "Asin"), Map.entry("acos", "Acos"), Map.entry("atan", "Atan"), Map.entry("sinh", "Sinh"),
            Map.entry("cosh", "Cosh"), Map.entry("asinh", "Asinh"), Map.entry("acosh", "Acosh"),
            Map.entry("atanh", "Atanh"), Map.entry("round", "Round"), Map.entry("sign", "Sign"), Map.entry("erf", "Erf"));

    @Override
    public void translate(UffNode node, UffTranslation t) {
        String x = t.tensor(node.input(0));
        String func = node.string("func", "");
        switch (func) {
            case "rsqrt" -> {
                String root = t.onnx().node("Sqrt", t.scratch(node, "sqrt")).inputs(x).output(t.scratch(node, "sqrt_out")).add();
                t.onnx().node("Reciprocal", node.id()).inputs(root).output(node.id()).add();
            }
            case "square" -> t.onnx().node("Mul", node.id()).inputs(x, x).output(node.id()).add();
            default -> t.onnx().node(onnxOp(node, func), node.id()).inputs(x).output(node.id()).add();
        }
        t.define(node.id(), t.shape(x));
    }

    private static String onnxOp(UffNode node, String func) {
        String op = OPS.get(func);
        if (op == null) {
            throw node.problem("has Unary func '" + func + "'; supported: rsqrt, square, " + new java.util.TreeSet<>(OPS.keySet()));
        }
        return op;
    }

    @Override
    public String describe(UffNode node) {
        String func = node.string("func", "");
        return switch (func) {
            case "rsqrt" -> "Reciprocal(Sqrt(x))";
            case "square" -> "Mul(x, x)";
            default -> onnxOp(node, func);
        };
    }
}
