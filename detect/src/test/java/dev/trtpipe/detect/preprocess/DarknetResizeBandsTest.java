package dev.trtpipe.detect.preprocess;

import static dev.trtpipe.detect.preprocess.ResizeImplementations.all;
import static dev.trtpipe.detect.preprocess.ResizeImplementations.assumeAvailable;
import static dev.trtpipe.detect.preprocess.ResizeImplementations.firstBitDifference;
import static dev.trtpipe.detect.preprocess.ResizeImplementations.kernelOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.trtpipe.detect.testing.SharedRefs;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Resizing in row bands (how {@link Preprocessor} spreads large inputs over cores) gives the values of
 * one pass, bit for bit, wherever the bands are cut — up- and down-sampling, and across a repeated source
 * row — with every resize implementation. darknet itself is the reference in
 * {@link PreprocessorReferenceTest}, whose 320×320 cases run banded.
 */
class DarknetResizeBandsTest {

    static Stream<Arguments> bandings() {
        return all(arguments(608, 608, 2), arguments(608, 608, 7), arguments(416, 416, 3), arguments(320, 240, 2),
                arguments(1000, 900, 4), arguments(96, 50, 5));
    }

    @ParameterizedTest(name = "{0}: 768x576 -> {1}x{2} in {3} bands")
    @MethodSource("bandings")
    void bandsEqualOnePass(ResizeImplementation implementation, int outW, int outH, int bands) throws Exception {
        RgbImage image = ImageLoader.load(SharedRefs.resolve("images/dog_decoded.png"));
        DarknetResize plan = new DarknetResize(image.width(), image.height(), outW, outH, kernelOf(implementation));
        ResizeTarget whole = new ResizeTarget(new float[3 * outW * outH], 0, outW, outH, 0, 0);
        ResizeTarget banded = new ResizeTarget(new float[3 * outW * outH], 0, outW, outH, 0, 0);

        plan.resizeRows(image, whole, 0, outH);
        for (int b = 0; b < bands; b++) {
            plan.resizeRows(image, banded, outH * b / bands, outH * (b + 1) / bands);
        }

        assertThat(firstBitDifference(banded.data(), whole.data())).as("first differing value").isEqualTo(-1);
    }

    static Stream<Arguments> inputs() {
        return all(arguments(608, 608, false), arguments(608, 608, true), arguments(416, 320, true));
    }

    @ParameterizedTest(name = "{0}: {1}x{2}, letterbox {3}")
    @MethodSource("inputs")
    void parallelAndSequentialPreprocessorsAgree(ResizeImplementation implementation, int netW, int netH, boolean letterbox)
            throws Exception {
        assumeAvailable(implementation);
        RgbImage image = ImageLoader.load(SharedRefs.resolve("images/dog_decoded.png"));
        Preprocessor parallel = new Preprocessor(netW, netH, letterbox).using(implementation);

        assertThat(firstBitDifference(parallel.toTensor(image), parallel.sequential().toTensor(image))).as("first differing value")
                .isEqualTo(-1);
    }
}
