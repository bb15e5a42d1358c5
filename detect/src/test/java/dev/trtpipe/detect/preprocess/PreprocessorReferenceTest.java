package dev.trtpipe.detect.preprocess;

import static dev.trtpipe.detect.preprocess.ResizeImplementations.all;
import static dev.trtpipe.detect.preprocess.ResizeImplementations.assumeAvailable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.trtpipe.detect.testing.SharedRefs;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * darknet's own letterbox_image / resize_image of the lossless dog PNG (references.md §6): bit for bit, with
 * every resize implementation; the batch test runs whichever new preprocessors pick.
 */
class PreprocessorReferenceTest {

    static Stream<Arguments> darknetRuns() {
        return all(
                arguments("yolo-fastest-1.1_320x320_dogpng_letterbox", 320, 320, true),
                arguments("yolo-fastest-1.1_320x320_dogpng_resize", 320, 320, false),
                arguments("yolov3-tiny-mini_160x128_dogpng_letterbox", 160, 128, true),
                arguments("yolov3-tiny-mini_160x128_dogpng_resize", 160, 128, false));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("darknetRuns")
    void matchesDarknetBitForBit(ResizeImplementation implementation, String dir, int netW, int netH, boolean letterbox) throws Exception {
        assumeAvailable(implementation);
        RgbImage image = ImageLoader.load(SharedRefs.resolve("images/dog_decoded.png"));
        float[] expected = SharedRefs.floats(SharedRefs.resolve("ref/preprocess/" + dir + "/input.bin"));

        float[] actual = new Preprocessor(netW, netH, letterbox).using(implementation).toTensor(image);

        assertThat(actual).hasSameSizeAs(expected);
        int mismatches = 0;
        int first = -1;
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToIntBits(actual[i]) != Float.floatToIntBits(expected[i])) {
                mismatches++;
                first = first < 0 ? i : first;
            }
        }
        assertThat(mismatches)
                .as("values differing from darknet (first at %d: %s vs %s)", first,
                        first < 0 ? "" : actual[first], first < 0 ? "" : expected[first])
                .isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "yolo-fastest-1.1_320x320_dogpng_letterbox, 320, 320, true",
            "yolov3-tiny-mini_160x128_dogpng_resize,    160, 128, false",
    })
    void batchItemsEqualSingleTensors(String dir, int netW, int netH, boolean letterbox) throws Exception {
        RgbImage image = ImageLoader.load(SharedRefs.resolve("images/dog_decoded.png"));
        float[] expected = SharedRefs.floats(SharedRefs.resolve("ref/preprocess/" + dir + "/input.bin"));
        Preprocessor pre = new Preprocessor(netW, netH, letterbox);

        float[] batch = pre.toBatch(List.of(image, image), 3);

        int n = expected.length;
        assertThat(Arrays.equals(batch, 0, n, expected, 0, n)).as("item 0").isTrue();
        assertThat(Arrays.equals(batch, n, 2 * n, expected, 0, n)).as("item 1").isTrue();
        assertThat(Arrays.equals(batch, 2 * n, 3 * n, new float[n], 0, n)).as("padding item is zeros").isTrue();
    }

    @Test
    void letterboxPlacementOfDogMatchesDarknetsExample() {
        // darknet.md §7: 768x576 -> 320x320 gives a 320x240 image at y offset 40
        ImagePlacement p = ImagePlacement.letterbox(768, 576, 320, 320);
        assertThat(p.scaledWidth()).isEqualTo(320);
        assertThat(p.scaledHeight()).isEqualTo(240);
        assertThat(p.offsetX()).isZero();
        assertThat(p.offsetY()).isEqualTo(40);
    }
}
