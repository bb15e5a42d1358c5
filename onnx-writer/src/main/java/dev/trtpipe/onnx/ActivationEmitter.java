package dev.trtpipe.onnx;

import dev.trtpipe.darknet.Activation;
import dev.trtpipe.darknet.DarknetFormatException;
import java.util.function.Supplier;

/**
 * Darknet's activations (darknet.md §6.3) as ONNX nodes. Functions ONNX lacks at the chosen opset are
 * decomposed: mish as {@code x·tanh(softplus(x))} below opset 18, swish always as {@code x·σ(x)}
 * ({@code Swish} exists only from opset 24); darknet's constants are kept (selu, gelu).
 */
final class ActivationEmitter {

    private ActivationEmitter() {
    }

    static void emit(OnnxGraph g, Activation activation, String x, String out, String prefix, String doc,
                     Supplier<DarknetFormatException> unsupported) {
        Ops ops = new Ops(g, prefix, doc);
        switch (activation) {
            case LINEAR -> ops.unary("Identity", x, out);
            case LEAKY, REVLEAKY -> ops.leakyRelu(x, 0.1f, out);
            case RELIE -> ops.leakyRelu(x, 0.01f, out);
            case LOGISTIC -> ops.unary("Sigmoid", x, out);
            case RELU -> ops.unary("Relu", x, out);
            case TANH -> ops.unary("Tanh", x, out);
            case ELU -> g.node("Elu", prefix).inputs(x).output(out).attr("alpha", 1f).doc(doc).add();
            case SELU -> g.node("Selu", prefix).inputs(x).output(out).attr("alpha", 1.6732f).attr("gamma", 1.0507f).doc(doc).add();
            case RAMP -> ops.binary("Add", ops.unary("Relu", x, null), ops.mul(x, 0.1f), out);
            case LOGGY -> ops.binary("Sub", ops.mul(ops.unary("Sigmoid", x, null), 2f), g.floatConstant(1f), out);
            case MISH -> {
                if (g.opset() >= 18) {
                    ops.unary("Mish", x, out);
                } else {
                    ops.binary("Mul", x, ops.unary("Tanh", ops.unary("Softplus", x, null), null), out);
                }
            }
            case SWISH -> ops.binary("Mul", x, ops.unary("Sigmoid", x, null), out);
            case HARD_MISH -> ops.binary("Mul", x, ops.mul(ops.clip(ops.add(x, 2f), 0f, 2f, null), 0.5f), out);
            case RELU6 -> ops.clip(x, 0f, 6f, out);
            case HARDTAN -> ops.clip(x, -1f, 1f, out);
            case LHTAN -> {
                String c = ops.clip(x, 0f, 1f, null);
                ops.binary("Add", c, ops.mul(ops.binary("Sub", x, c, null), 0.001f), out);
            }
            case PLSE -> {
                String c = ops.clip(x, -4f, 4f, null);
                ops.binary("Add", ops.add(ops.mul(c, 0.125f), 0.5f), ops.mul(ops.binary("Sub", x, c, null), 0.01f), out);
            }
            case GELU -> {
                String cube = ops.binary("Mul", ops.binary("Mul", x, x, null), x, null);
                String inner = ops.binary("Add", ops.mul(x, 0.797885f), ops.mul(cube, 0.035677f), null);
                String onePlusTanh = ops.add(ops.unary("Tanh", inner, null), 1f);
                ops.binary("Mul", ops.mul(x, 0.5f), onePlusTanh, out);
            }
            case STAIR, NORMALIZE_CHANNELS, NORMALIZE_CHANNELS_SOFTMAX, NORMALIZE_CHANNELS_SOFTMAX_MAXVAL ->
                    throw unsupported.get();
        }
    }

    /** Emits the nodes of one activation, numbering intermediate tensors {@code prefix/0, prefix/1, …}. */
    private static final class Ops {
        private final OnnxGraph g;
        private final String prefix;
        private final String doc;
        private int next;

        Ops(OnnxGraph g, String prefix, String doc) {
            this.g = g;
            this.prefix = prefix;
            this.doc = doc;
        }

        private String name() {
            return prefix + "/" + next++;
        }

        String unary(String op, String x, String out) {
            String n = name();
            return g.node(op, n).inputs(x).output(out == null ? n : out).doc(doc).add();
        }

        String binary(String op, String a, String b, String out) {
            String n = name();
            return g.node(op, n).inputs(a, b).output(out == null ? n : out).doc(doc).add();
        }

        String mul(String x, float c) {
            return binary("Mul", x, g.floatConstant(c), null);
        }

        String add(String x, float c) {
            return binary("Add", x, g.floatConstant(c), null);
        }

        String leakyRelu(String x, float alpha, String out) {
            String n = name();
            return g.node("LeakyRelu", n).inputs(x).output(out).attr("alpha", alpha).doc(doc).add();
        }

        String clip(String x, float min, float max, String out) {
            String n = name();
            return g.node("Clip", n).inputs(x, g.floatConstant(min), g.floatConstant(max)).output(out == null ? n : out)
                    .doc(doc).add();
        }
    }
}
