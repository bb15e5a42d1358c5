package dev.trtpipe.detect.tao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.trtpipe.detect.preprocess.ImagePlacement;
import dev.trtpipe.detect.preprocess.RgbImage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** nvinfer's normalisation, channel order and keep-aspect placement on images with known pixels. */
class TaoPreprocessorTest {

    private static TaoDetectionSpec spec(float scale, float[] offsets, ColorFormat format, boolean keepAspect, boolean symmetric) {
        return new TaoDetectionSpec(0, 0, 0, scale, offsets, format, keepAspect, symmetric, 1, List.of(), List.of(),
                ClusterMode.NMS, ClassAttributes.DEFAULTS, Map.of());
    }

    /** A flat colour stays flat through any resize: y = scale·(x − offset), channels in the model's order. */
    @Test
    void bgrWithOffsetsNormalisesEachChannel() {
        RgbImage image = flat(5, 3, 10, 20, 30);
        TaoPreprocessor p = new TaoPreprocessor(spec(0.5f, new float[] {1, 2, 3}, ColorFormat.BGR, false, false), 4, 2);
        float[] out = new float[3 * 8];

        p.write(image, out, 0);

        for (int i = 0; i < 8; i++) {
            assertThat(out[i]).isEqualTo(0.5f * (30 - 1));      // B first
            assertThat(out[8 + i]).isEqualTo(0.5f * (20 - 2));  // G
            assertThat(out[16 + i]).isEqualTo(0.5f * (10 - 3)); // R last
        }
    }

    /**
     * A 100×50 image in a 40×40 input with the aspect kept: 40×20 at the top left (gst-nvinfer's default)
     * or centred (symmetric-padding); padding is a zero pixel normalised, here 0.25·(0 − 8) = −2.
     */
    @Test
    void keepAspectPlacesTheImageTopLeftOrCentredAndPadsWithNormalisedZero() {
        RgbImage image = flat(100, 50, 200, 200, 200);
        for (boolean symmetric : new boolean[] {false, true}) {
            TaoPreprocessor p = new TaoPreprocessor(spec(0.25f, new float[] {8, 8, 8}, ColorFormat.RGB, true, symmetric), 40, 40);
            float[] out = new float[3 * 1600];

            ImagePlacement placement = p.write(image, out, 0);

            assertThat(new int[] {placement.scaledWidth(), placement.scaledHeight()}).containsExactly(40, 20);
            int top = symmetric ? 10 : 0;
            assertThat(p.offsetY(placement)).isEqualTo(top);
            for (int y = 0; y < 40; y++) {
                float expected = y >= top && y < top + 20 ? 0.25f * (200 - 8) : 0.25f * (0 - 8);
                assertThat(out[y * 40 + 5]).as("row %d, symmetric %s", y, symmetric).isEqualTo(expected);
            }
        }
    }

    /** GRAY: one plane of BT.601 luma. */
    @Test
    void grayIsLuma() {
        RgbImage image = flat(2, 2, 100, 50, 200);
        TaoPreprocessor p = new TaoPreprocessor(spec(1f, new float[0], ColorFormat.GRAY, false, false), 2, 2);
        float[] out = new float[4];
        p.write(image, out, 0);
        assertThat(out[3]).isCloseTo(0.299f * 100 + 0.587f * 50 + 0.114f * 200, within(1e-3f));
    }

    /** A horizontal ramp halved: bilinear with pixel centres averages neighbouring pairs. */
    @Test
    void downscalingByTwoAveragesPairs() {
        byte[] planes = new byte[3 * 4];
        for (int c = 0; c < 3; c++) {
            for (int x = 0; x < 4; x++) {
                planes[c * 4 + x] = (byte) (x * 10);
            }
        }
        TaoPreprocessor p = new TaoPreprocessor(spec(1f, new float[0], ColorFormat.RGB, false, false), 2, 1);
        float[] out = new float[6];
        p.write(RgbImage.ofPlanes(4, 1, planes), out, 0);
        assertThat(out[0]).isCloseTo(5f, within(1e-4f));
        assertThat(out[1]).isCloseTo(25f, within(1e-4f));
    }

    private static RgbImage flat(int w, int h, int r, int g, int b) {
        byte[] planes = new byte[3 * w * h];
        java.util.Arrays.fill(planes, 0, w * h, (byte) r);
        java.util.Arrays.fill(planes, w * h, 2 * w * h, (byte) g);
        java.util.Arrays.fill(planes, 2 * w * h, 3 * w * h, (byte) b);
        return RgbImage.ofPlanes(w, h, planes);
    }
}
