package dev.trtpipe.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trtpipe.darknet.DarknetFormatException;
import dev.trtpipe.darknet.DarknetModel;
import dev.trtpipe.darknet.DarknetWeights;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Activations no fixture uses, checked against darknet's formulas (darknet.md §6.3, transcribed from
 * {@code activations.h}) through an identity 1×1 convolution: 1 channel in, weight 1, bias 0.
 */
class ActivationFormulasTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"linear", "leaky", "logistic", "relu", "relie", "ramp", "tanh", "elu", "selu", "loggy",
            "mish", "swish", "hard_mish", "relu6", "hardtan", "lhtan", "plse", "gelu", "revleaky"})
    void onnxMatchesDarknetsFormula(String activation) throws Exception {
        int n = 64;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = -8f + 16f * i / (n - 1);
        }
        for (int opset : new int[]{13, 18}) {
            Fixtures f = identityConv(activation, n);
            float[] y = OrtRunner.run(f.onnx(ConversionOptions.defaults().withOpset(opset)), x, 1, 1, 1, n).values().iterator().next();
            DoubleUnaryOperator darknet = formula(activation);
            float[] expected = new float[n];
            for (int i = 0; i < n; i++) {
                expected[i] = (float) darknet.applyAsDouble(x[i]);
            }
            assertThat(Tensors.relativeError(y, expected)).as("%s at opset %d", activation, opset).isLessThanOrEqualTo(1e-5);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"stair", "normalize_channels"})
    void activationsWithoutTranslationAreRejectedWithTheLine(String activation) throws Exception {
        Fixtures f = identityConv(activation, 4);
        assertThatThrownBy(() -> f.convert(ConversionOptions.defaults()))
                .isInstanceOf(DarknetFormatException.class)
                .hasMessageStartingWith("act.cfg:6: [convolutional] activation=" + activation + " has no ONNX translation");
    }

    /** {@code [net]} 1×1×width, one 1×1 conv with weight 1 and bias 0; the weights file is written here. */
    private Fixtures identityConv(String activation, int width) throws Exception {
        DarknetModel model = DarknetModel.parse("[net]\nwidth=" + width + "\nheight=1\nchannels=1\n\n[convolutional]\n"
                + "filters=1\nsize=1\nactivation=" + activation + "\n", "act.cfg");
        ByteBuffer file = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN);
        file.putInt(0).putInt(2).putInt(5).putLong(0).putFloat(0f).putFloat(1f);
        Path weights = Files.write(tmp.resolve(activation + ".weights"), file.array());
        return new Fixtures(model, DarknetWeights.read(weights, model, false));
    }

    private static DoubleUnaryOperator formula(String name) {
        return switch (name) {
            case "linear" -> x -> x;
            case "leaky", "revleaky" -> x -> x > 0 ? x : 0.1 * x;
            case "logistic" -> x -> 1 / (1 + Math.exp(-x));
            case "relu" -> x -> Math.max(x, 0);
            case "relie" -> x -> x > 0 ? x : 0.01 * x;
            case "ramp" -> x -> x * (x > 0 ? 1 : 0) + 0.1 * x;
            case "tanh" -> Math::tanh;
            case "elu" -> x -> x >= 0 ? x : Math.exp(x) - 1;
            case "selu" -> x -> x >= 0 ? 1.0507 * x : 1.0507 * 1.6732 * (Math.exp(x) - 1);
            case "loggy" -> x -> 2 / (1 + Math.exp(-x)) - 1;
            case "mish" -> x -> x * Math.tanh(x > 20 ? x : x < -20 ? Math.exp(x) : Math.log1p(Math.exp(x)));
            case "swish" -> x -> x / (1 + Math.exp(-x));
            case "hard_mish" -> x -> x > 0 ? x : x > -2 ? x * x / 2 + x : 0;
            case "relu6" -> x -> Math.min(Math.max(x, 0), 6);
            case "hardtan" -> x -> x < -1 ? -1 : x > 1 ? 1 : x;
            case "lhtan" -> x -> x < 0 ? 0.001 * x : x > 1 ? 0.001 * (x - 1) + 1 : x;
            case "plse" -> x -> x < -4 ? 0.01 * (x + 4) : x > 4 ? 0.01 * (x - 4) + 1 : 0.125 * x + 0.5;
            case "gelu" -> x -> 0.5 * x * (1 + Math.tanh(0.797885 * x + 0.035677 * x * x * x));
            default -> throw new IllegalArgumentException(name);
        };
    }
}
