package dev.trtpipe.darknet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract of the section registry: a section registered once ({@link TestSections}: the test-only
 * {@code [channel_bias]}) is parsed with its options, shaped, counted and its weights loaded, and later
 * layers see its output shape. Expected values are worked out here from the cfg.
 */
class SectionKindsTest {

    private static final String CFG = """
            [net]
            width=5
            height=4
            channels=3

            [channel_bias]
            scale=2.5

            [avgpool]
            """;

    @Test
    void aTestOnlySectionIsParsedShapedAndCounted() {
        DarknetModel model = TestSections.parseWithChannelBias(CFG, "bias.cfg");

        assertThat(model.layers()).hasSize(2);
        ChannelBiasLayer bias = (ChannelBiasLayer) model.layer(0);
        assertThat(bias.scale()).isEqualTo(2.5f);
        assertThat(bias.line()).isEqualTo(6);
        assertThat(bias.output()).isEqualTo(new Shape(3, 4, 5));
        assertThat(bias.tensorName()).isEqualTo("000_channel_bias");
        assertThat(model.layer(1).input()).isEqualTo(new Shape(3, 4, 5));
        assertThat(model.layer(1).output()).isEqualTo(new Shape(3, 1, 1));
        assertThat(model.weightCount()).isEqualTo(3); // one bias per input channel; avgpool has none
        assertThat(model.warnings()).isEmpty();
    }

    @Test
    void itsWeightsAreReadInItsLayout(@TempDir Path dir) throws IOException {
        DarknetModel model = TestSections.parseWithChannelBias(CFG, "bias.cfg");
        Path weights = TestSections.writeWeights(dir.resolve("bias.weights"), 0.5f, -1f, 7f);

        DarknetWeights loaded = DarknetWeights.read(weights, model, false);

        assertThat(loaded.sizeCheck().exact()).isTrue();
        FloatArray biases = loaded.forLayer(0).orElseThrow().get(WeightKind.BIASES);
        assertThat(new float[]{biases.get(0), biases.get(1), biases.get(2)}).containsExactly(0.5f, -1f, 7f);
    }

    @Test
    void itsErrorsNameTheCfgLine() {
        assertThatThrownBy(() -> TestSections.parseWithChannelBias(CFG.replace("scale=2.5", "scale=-1"), "bias.cfg"))
                .isInstanceOf(DarknetFormatException.class)
                .hasMessage("bias.cfg:6: [channel_bias] scale=-1.0 must be positive");
    }

    @Test
    void onlyARegistryThatHasTheSectionAcceptsIt() {
        assertThatThrownBy(() -> DarknetModel.parse(CFG, "bias.cfg"))
                .hasMessageStartingWith("bias.cfg:6: [channel_bias] is not a darknet layer type")
                .hasMessageEndingWith("supported: net, convolutional, maxpool, upsample, route, shortcut, yolo, region, "
                        + "reorg, reorg3d, sam, scale_channels, dropout, avgpool, connected, empty");
        assertThatThrownBy(() -> TestSections.parseWithChannelBias(CFG.replace("[avgpool]", "[lstm]"), "bias.cfg"))
                .hasMessageEndingWith("supported: net, convolutional, maxpool, upsample, route, shortcut, yolo, region, "
                        + "reorg, reorg3d, sam, scale_channels, dropout, avgpool, connected, empty, channel_bias");
    }

    @Test
    void aliasesSelectTheirKindAndANameCannotBeRegisteredTwice() {
        DarknetModel model = DarknetModel.parse("[net]\nwidth=8\nheight=8\nchannels=2\n[max]\nsize=2\nstride=2\n[avg]\n", "a.cfg");
        assertThat(model.layers()).extracting(Layer::type).containsExactly(MaxpoolLayer.TYPE, AvgpoolLayer.TYPE);

        assertThatThrownBy(() -> SectionKinds.standard().with(SectionKind.of("bias", ChannelBiasLayer.class,
                ChannelBiasLayer::parse, "conv")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[conv] is registered twice");
    }

    @Test
    void everyStandardKindIsNamedAfterItsRecordsType() {
        // Layer.type() names tensors (NNN_type) and ref/ manifests: it must be the section's registered name
        assertThat(SectionKinds.standard().kinds()).allSatisfy(kind ->
                assertThat(kind.layerType().getField("TYPE").get(null)).isEqualTo(kind.name()));
    }

    @Test
    void summariesReadTheActivationFromTheRecord() {
        DarknetModel model = TestSections.parseWithChannelBias("""
                [net]
                width=8
                height=8
                channels=2
                [convolutional]
                filters=2
                size=1
                activation=mish
                [shortcut]
                from=-1
                [channel_bias]
                """, "act.cfg");
        assertThat(model.layers()).extracting(l -> l.outputActivation().map(Activation::cfgName).orElse("none"))
                .containsExactly("mish", "linear", "none");
    }
}
