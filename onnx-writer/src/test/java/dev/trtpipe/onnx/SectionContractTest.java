package dev.trtpipe.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trtpipe.darknet.ChannelBiasLayer;
import dev.trtpipe.darknet.DarknetModel;
import dev.trtpipe.darknet.DarknetWeights;
import dev.trtpipe.darknet.TestSections;
import dev.trtpipe.darknet.WeightKind;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract of adding a section, end to end: the test-only {@code [channel_bias]} (darknet-parser's test
 * {@code ChannelBiasLayer}, registered once in its {@code SectionKinds}) plus one translator registered once
 * here converts to ONNX, and ONNX Runtime's result matches darknet's definition computed by hand below.
 */
class SectionContractTest {

    private static final String CFG = """
            [net]
            width=3
            height=2
            channels=2

            [channel_bias]
            scale=2.5

            [avgpool]
            """;

    /** y = scale·x + bias[c], as {@code Mul} and a broadcasting {@code Add}. */
    static final class ChannelBiasTranslator implements LayerTranslator<ChannelBiasLayer> {

        @Override
        public void translate(ChannelBiasLayer l, TranslationContext ctx) {
            OnnxGraph g = ctx.graph();
            float[] bias = ctx.weightsOf(l).get(WeightKind.BIASES).toArray();
            String biasTensor = g.addInitializer(l.tensorName() + "/bias", new long[]{1, bias.length, 1, 1}, bias);
            String scaled = g.node("Mul", ctx.nodeName(l, "scale")).inputs(ctx.inputOf(l), g.floatConstant(l.scale()))
                    .output(l.tensorName() + "/scaled").doc(ctx.doc(l)).add();
            g.node("Add", ctx.nodeName(l, "bias")).inputs(scaled, biasTensor).output(l.tensorName()).doc(ctx.doc(l)).add();
            ctx.produce(l, l.tensorName());
        }
    }

    private static final LayerTranslators WITH_CHANNEL_BIAS =
            LayerTranslators.standard().with(ChannelBiasLayer.class, new ChannelBiasTranslator());

    @Test
    void aTestOnlySectionIsTranslatedAndComputesItsDefinition(@TempDir Path dir) throws Exception {
        DarknetModel model = TestSections.parseWithChannelBias(CFG, "bias.cfg");
        float[] bias = {0.25f, -3f};
        DarknetWeights weights = DarknetWeights.read(TestSections.writeWeights(dir.resolve("bias.weights"), bias), model, false);
        float[] x = {1, 2, 3, 4, 5, 6, -1, -2, -3, 0.5f, 0, 7};

        byte[] onnx = DarknetOnnxConverter.convert(model, weights, ConversionOptions.defaults(), WITH_CHANNEL_BIAS)
                .toModelProto().toByteArray();
        Map<String, float[]> out = OrtRunner.run(onnx, x, 1, 2, 2, 3);

        // darknet: channel_bias then global average pooling over the 2×3 plane of each channel
        float[] expected = new float[2];
        for (int c = 0; c < 2; c++) {
            float sum = 0;
            for (int i = 0; i < 6; i++) {
                sum += 2.5f * x[c * 6 + i] + bias[c];
            }
            expected[c] = sum / 6;
        }
        assertThat(out).containsOnlyKeys("001_avgpool");
        assertThat(Tensors.relativeError(out.get("001_avgpool"), expected)).isLessThanOrEqualTo(1e-6);
    }

    @Test
    void theStandardTranslatorsLackIt(@TempDir Path dir) throws Exception {
        DarknetModel model = TestSections.parseWithChannelBias(CFG, "bias.cfg");
        DarknetWeights weights = DarknetWeights.read(TestSections.writeWeights(dir.resolve("bias.weights"), 1f, 2f), model, false);

        assertThat(LayerTranslators.standard().supports(ChannelBiasLayer.class)).isFalse();
        assertThatThrownBy(() -> DarknetOnnxConverter.convert(model, weights, ConversionOptions.defaults()))
                .isInstanceOf(IllegalStateException.class).hasMessage("no translator for ChannelBiasLayer");
    }
}
