package dev.trtpipe.uff;

/**
 * {@code Activation}: {@code func} relu, relu6 ({@code Clip(0, 6)}), sigmoid, tanh, elu, selu, softsign,
 * softplus, leaky_relu (slope from {@code negative_slope} or {@code alpha}), clip ({@code min}/{@code max}),
 * hard_sigmoid and swish ({@code x · sigmoid(x)}).
 */
final class ActivationTranslator implements UffTranslator {

    @Override
    public void translate(UffNode node, UffTranslation t) {
        String x = t.tensor(node.input(0));
        String func = node.string("func", "");
        var onnx = t.onnx();
        String out = node.id();
        switch (func) {
            case "relu" -> onnx.node("Relu", out).inputs(x).output(out).add();
            case "relu6" -> onnx.node("Clip", out).inputs(x, onnx.floatConstant(0f), onnx.floatConstant(6f)).output(out).add();
            case "clip" -> onnx.node("Clip", out).inputs(x, onnx.floatConstant((float) node.doubleValue("min", Float.NEGATIVE_INFINITY)),
                    onnx.floatConstant((float) node.doubleValue("max", Float.POSITIVE_INFINITY))).output(out).add();
            case "sigmoid" -> onnx.node("Sigmoid", out).inputs(x).output(out).add();
            case "tanh" -> onnx.node("Tanh", out).inputs(x).output(out).add();
            case "softsign" -> onnx.node("Softsign", out).inputs(x).output(out).add();
            case "softplus" -> onnx.node("Softplus", out).inputs(x).output(out).add();
            case "elu" -> onnx.node("Elu", out).inputs(x).output(out).attr("alpha", (float) node.doubleValue("alpha", 1.0)).add();
            case "selu" -> onnx.node("Selu", out).inputs(x).output(out).add();
            case "leaky_relu", "lrelu" -> onnx.node("LeakyRelu", out).inputs(x).output(out)
                    .attr("alpha", (float) node.doubleValue("negative_slope", node.doubleValue("alpha", 0.01))).add();
            case "hard_sigmoid" -> onnx.node("HardSigmoid", out).inputs(x).output(out)
                    .attr("alpha", (float) node.doubleValue("alpha", 0.2)).attr("beta", (float) node.doubleValue("beta", 0.5)).add();
            case "swish" -> {
                String s = onnx.node("Sigmoid", t.scratch(node, "sigmoid")).inputs(x).output(t.scratch(node, "sigmoid_out")).add();
                onnx.node("Mul", out).inputs(x, s).output(out).add();
            }
            default -> throw node.problem("has Activation func '" + func + "'; supported: relu, relu6, clip, sigmoid, tanh,"
                    + " softsign, softplus, elu, selu, leaky_relu, hard_sigmoid, swish");
        }
        t.define(out, t.shape(x));
    }

    @Override
    public String describe(UffNode node) {
        String func = node.string("func", "");
        return switch (func) {
            case "relu" -> "Relu";
            case "relu6" -> "Clip(0, 6)";
            case "clip" -> "Clip";
            case "sigmoid" -> "Sigmoid";
            case "tanh" -> "Tanh";
            case "softsign" -> "Softsign";
            case "softplus" -> "Softplus";
            case "elu" -> "Elu";
            case "selu" -> "Selu";
            case "leaky_relu", "lrelu" -> "LeakyRelu";
            case "hard_sigmoid" -> "HardSigmoid";
            case "swish" -> "Mul(x, Sigmoid(x))";
            default -> throw node.problem("has Activation func '" + func + "', which is not supported");
        };
    }
}
