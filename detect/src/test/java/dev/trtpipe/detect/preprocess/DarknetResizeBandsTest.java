package dev.trtpipe.detect.preprocess;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trtpipe.detect.testing.SharedRefs;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Resizing in row bands (how {@link Preprocessor} spreads large inputs over cores) gives the values of
 * one pass, bit for bit, wherever the bands are cut — up- and down-sampling, and across a repeated source
 * row. darknet itself is the reference in {@link PreprocessorReferenceTest}, whose 320×320 cases run banded.
 */
class DarknetResizeBandsTest {

    @ParameterizedTest(name = "768x576 -> {0}x{1} in {2} bands")
    @CsvSource({"608, 608, 2", "608, 608, 7", "416, 416, 3", "320, 240, 2", "1000, 900, 4", "96, 50, 5"})
    void bandsEqualOnePass(int outW, int outH, int bands) throws Exception {
        RgbImage image = ImageLoader.load(SharedRefs.resolve("images/dog_decoded.png"));
        DarknetResize plan = new DarknetResize(image.width(), image.height(), outW, outH);
        float[] whole = new float[3 * outW * outH];
        float[] banded = new float[3 * outW * outH];

        plan.resizeRows(image, whole, 0, outW, outH, 0, 0, 0, outH);
        for (int b = 0; b < bands; b++) {
            plan.resizeRows(image, banded, 0, outW, outH, 0, 0, outH * b / bands, outH * (b + 1) / bands);
        }

        assertThat(Arrays.mismatch(banded, whole)).as("first differing value").isEqualTo(-1);
    }

    @ParameterizedTest(name = "{0}x{1}, letterbox {2}")
    @CsvSource({"608, 608, false", "608, 608, true", "416, 320, true"})
    void parallelAndSequentialPreprocessorsAgree(int netW, int netH, boolean letterbox) throws Exception {
        RgbImage image = ImageLoader.load(SharedRefs.resolve("images/dog_decoded.png"));
        Preprocessor parallel = new Preprocessor(netW, netH, letterbox);

        assertThat(Arrays.mismatch(parallel.toTensor(image), parallel.sequential().toTensor(image))).as("first differing value")
                .isEqualTo(-1);
    }
}
