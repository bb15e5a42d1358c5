package dev.trtpipe.uff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** GridAnchor_TRT's priors, worked out by hand from the plugin's definition. */
class GridAnchorsTest {

    private static final float[] VARIANCE = {0.1f, 0.1f, 0.2f, 0.2f};
    private static final float R2 = (float) Math.sqrt(2);

    @Test
    void firstLayerHasThreeBoxesAtScalesPointOneAndMinSize() {
        float[][] layers = GridAnchors.generate(0.2f, 0.9f, new float[] {1, 2, 0.5f}, new long[] {1, 1}, VARIANCE, 2, false);
        // one cell centred at (0.5, 0.5); widths 0.1, 0.2*sqrt2, 0.2/sqrt2; heights 0.1, 0.2/sqrt2, 0.2*sqrt2
        assertThat(layers[0]).hasSize(2 * 3 * 4);
        assertThat(layers[0]).containsExactly(new float[] {
                0.45f, 0.45f, 0.55f, 0.55f,
                0.5f - 0.1f * R2, 0.5f - 0.1f / R2, 0.5f + 0.1f * R2, 0.5f + 0.1f / R2,
                0.5f - 0.1f / R2, 0.5f - 0.1f * R2, 0.5f + 0.1f / R2, 0.5f + 0.1f * R2,
                0.1f, 0.1f, 0.2f, 0.2f, 0.1f, 0.1f, 0.2f, 0.2f, 0.1f, 0.1f, 0.2f, 0.2f}, within(1e-6f));
    }

    @Test
    void laterLayersAddAnExtraSquareBoxAtTheGeometricMeanScale() {
        float[][] layers = GridAnchors.generate(0.2f, 0.9f, new float[] {1, 2, 0.5f}, new long[] {1, 1}, VARIANCE, 2, false);
        // last layer: scale 0.9 for the three ratios, then sqrt(0.9 * 1.0) for the extra box
        assertThat(layers[1]).hasSize(2 * 4 * 4);
        float half = (float) Math.sqrt(0.9) / 2;
        assertThat(layers[1][0]).isCloseTo(0.05f, within(1e-6f));
        assertThat(new float[] {layers[1][12], layers[1][13], layers[1][14], layers[1][15]})
                .containsExactly(new float[] {0.5f - half, 0.5f - half, 0.5f + half, 0.5f + half}, within(1e-6f));
    }

    @Test
    void middleLayerScaleInterpolatesAndTheExtraBoxUsesTheNextLayersScale() {
        float[][] layers = GridAnchors.generate(0.2f, 0.8f, new float[] {1, 2, 0.5f}, new long[] {1, 1, 1}, VARIANCE, 3, false);
        // layer 1 of 3: s = 0.2 + 0.6 * 1/2 = 0.5, next 0.8: extra box side sqrt(0.4)
        assertThat(layers[1][2] - layers[1][0]).isCloseTo(0.5f, within(1e-6f));
        assertThat(layers[1][14] - layers[1][12]).isCloseTo((float) Math.sqrt(0.4), within(1e-6f));
    }

    @Test
    void rectMapsTakeHeightThenWidthAndOrderBoxesCellByCell() {
        float[][] layers = GridAnchors.generate(0.2f, 0.9f, new float[] {1, 2, 0.5f}, new long[] {2, 1, 1, 1}, VARIANCE, 2, true);
        // H = 2, W = 1: cells centred at y = 0.25 then 0.75; three boxes per cell, ratio fastest
        assertThat(layers[0]).hasSize(2 * 2 * 3 * 4);
        assertThat(layers[0][1]).isCloseTo(0.25f - 0.05f, within(1e-6f));
        assertThat(layers[0][3 * 4 + 1]).isCloseTo(0.75f - 0.05f, within(1e-6f));
        assertThat(layers[0][3 * 4]).isCloseTo(0.45f, within(1e-6f));
    }

    @Test
    void featureMapCountMustMatchTheLayers() {
        assertThatThrownBy(() -> GridAnchors.generate(0.2f, 0.9f, new float[] {1, 2, 0.5f}, new long[] {2, 1, 1}, VARIANCE, 2, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("featureMapShapes");
    }
}
