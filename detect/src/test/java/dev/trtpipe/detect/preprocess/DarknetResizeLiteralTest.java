package dev.trtpipe.detect.preprocess;

import static dev.trtpipe.detect.preprocess.ResizeImplementations.all;
import static dev.trtpipe.detect.preprocess.ResizeImplementations.firstBitDifference;
import static dev.trtpipe.detect.preprocess.ResizeImplementations.kernelOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.trtpipe.detect.testing.SharedRefs;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The optimized {@link DarknetResize}, with every resize implementation, against a line-by-line
 * transcription of darknet's {@code resize_image} (full intermediate image, darknet's loops and float
 * expressions). The transcription is first checked against darknet's own output in
 * {@code ../shared/ref/preprocess}; it then stands in for darknet at the sizes darknet's references do not
 * cover (608×608, up-sampling, one-pixel images, strong downscaling), where the optimized passes take other
 * branches. Outputs one row high are left out: darknet
 * divides by {@code h - 1} there and gets NaN.
 */
class DarknetResizeLiteralTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "yolo-fastest-1.1_320x320_dogpng_resize, 320, 320",
            "yolov3-tiny-mini_160x128_dogpng_resize, 160, 128",
    })
    void transcriptionIsDarknet(String dir, int netW, int netH) throws Exception {
        RgbImage image = ImageLoader.load(SharedRefs.resolve("images/dog_decoded.png"));
        float[] expected = SharedRefs.floats(SharedRefs.resolve("ref/preprocess/" + dir + "/input.bin"));

        assertThat(firstBitDifference(resizeImage(image, netW, netH), expected)).as("first value differing from darknet").isEqualTo(-1);
    }

    static Stream<Arguments> dogSizes() {
        return all(arguments(608, 608), arguments(416, 416), arguments(1000, 900), arguments(96, 50), arguments(768, 576),
                arguments(1, 5), arguments(5, 2));
    }

    @ParameterizedTest(name = "{0}: dog 768x576 -> {1}x{2}")
    @MethodSource("dogSizes")
    void optimizedEqualsTranscriptionOnDog(ResizeImplementation implementation, int outW, int outH) throws Exception {
        RgbImage image = ImageLoader.load(SharedRefs.resolve("images/dog_decoded.png"));

        assertThat(firstBitDifference(optimized(implementation, image, outW, outH), resizeImage(image, outW, outH)))
                .as("first differing value").isEqualTo(-1);
    }

    static Stream<Arguments> noiseSizes() {
        return all(arguments(1, 1, 4, 3), arguments(1, 7, 5, 9), arguments(7, 1, 9, 5), arguments(2, 2, 608, 608),
                arguments(640, 480, 608, 608), arguments(31, 17, 13, 29), arguments(1920, 1080, 608, 608));
    }

    @ParameterizedTest(name = "{0}: random {1}x{2} -> {3}x{4}")
    @MethodSource("noiseSizes")
    void optimizedEqualsTranscriptionOnNoise(ResizeImplementation implementation, int inW, int inH, int outW, int outH) {
        byte[] planes = new byte[3 * inW * inH];
        new SplittableRandom(inW * 31L + inH).nextBytes(planes);
        RgbImage image = RgbImage.ofPlanes(inW, inH, planes);

        assertThat(firstBitDifference(optimized(implementation, image, outW, outH), resizeImage(image, outW, outH)))
                .as("first differing value").isEqualTo(-1);
    }

    private static float[] optimized(ResizeImplementation implementation, RgbImage image, int outW, int outH) {
        ResizeTarget target = new ResizeTarget(new float[3 * outW * outH], 0, outW, outH, 0, 0);
        new DarknetResize(image.width(), image.height(), outW, outH, kernelOf(implementation)).resizeRows(image, target, 0, outH);
        return target.data();
    }

    /** darknet's {@code resize_image} (image.c), transcribed: same loops, same float expressions. */
    private static float[] resizeImage(RgbImage im, int w, int h) {
        int imW = im.width();
        int imH = im.height();
        float[] part = new float[3 * imH * w];
        float[] resized = new float[3 * h * w];
        float wScale = (float) (imW - 1) / (w - 1);
        float hScale = (float) (imH - 1) / (h - 1);
        for (int k = 0; k < 3; ++k) {
            for (int r = 0; r < imH; ++r) {
                for (int c = 0; c < w; ++c) {
                    float val;
                    if (c == w - 1 || imW == 1) {
                        val = pixel(im, imW - 1, r, k);
                    } else {
                        float sx = c * wScale;
                        int ix = (int) sx;
                        float dx = sx - ix;
                        val = (1 - dx) * pixel(im, ix, r, k) + dx * pixel(im, ix + 1, r, k);
                    }
                    part[k * imH * w + r * w + c] = val;
                }
            }
        }
        for (int k = 0; k < 3; ++k) {
            for (int r = 0; r < h; ++r) {
                float sy = r * hScale;
                int iy = (int) sy;
                float dy = sy - iy;
                for (int c = 0; c < w; ++c) {
                    float val = (1 - dy) * part[k * imH * w + iy * w + c];
                    resized[k * h * w + r * w + c] = val;
                }
                if (r == h - 1 || imH == 1) {
                    continue;
                }
                for (int c = 0; c < w; ++c) {
                    float val = dy * part[k * imH * w + (iy + 1) * w + c];
                    resized[k * h * w + r * w + c] += val;
                }
            }
        }
        return resized;
    }

    /** darknet's loader: {@code data[...] = src[...] / 255.} stored into a float. */
    private static float pixel(RgbImage im, int x, int y, int c) {
        return (float) (im.sample(c, x, y) / 255.);
    }
}
