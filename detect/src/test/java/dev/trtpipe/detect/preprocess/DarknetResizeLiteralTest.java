package dev.trtpipe.detect.preprocess;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trtpipe.detect.testing.SharedRefs;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The optimized {@link DarknetResize} against a line-by-line transcription of darknet's
 * {@code resize_image} (full intermediate image, darknet's loops and float expressions). The
 * transcription is first checked against darknet's own output in {@code ../shared/ref/preprocess}; it then
 * stands in for darknet at the sizes darknet's references do not cover (608×608, up-sampling, one-pixel
 * images), where the optimized passes take other branches. Outputs one row high are left out: darknet
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

    @ParameterizedTest(name = "dog 768x576 -> {0}x{1}")
    @CsvSource({"608, 608", "416, 416", "1000, 900", "96, 50", "768, 576", "1, 5", "5, 2"})
    void optimizedEqualsTranscriptionOnDog(int outW, int outH) throws Exception {
        RgbImage image = ImageLoader.load(SharedRefs.resolve("images/dog_decoded.png"));

        assertThat(firstBitDifference(optimized(image, outW, outH), resizeImage(image, outW, outH)))
                .as("first differing value").isEqualTo(-1);
    }

    @ParameterizedTest(name = "random {0}x{1} -> {2}x{3}")
    @CsvSource({"1, 1, 4, 3", "1, 7, 5, 9", "7, 1, 9, 5", "2, 2, 608, 608", "640, 480, 608, 608", "31, 17, 13, 29"})
    void optimizedEqualsTranscriptionOnNoise(int inW, int inH, int outW, int outH) {
        byte[] planes = new byte[3 * inW * inH];
        new SplittableRandom(inW * 31L + inH).nextBytes(planes);
        RgbImage image = RgbImage.ofPlanes(inW, inH, planes);

        assertThat(firstBitDifference(optimized(image, outW, outH), resizeImage(image, outW, outH)))
                .as("first differing value").isEqualTo(-1);
    }

    private static float[] optimized(RgbImage image, int outW, int outH) {
        float[] out = new float[3 * outW * outH];
        new DarknetResize(image.width(), image.height(), outW, outH).resizeRows(image, out, 0, outW, outH, 0, 0, 0, outH);
        return out;
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

    private static int firstBitDifference(float[] actual, float[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            if (Float.floatToRawIntBits(actual[i]) != Float.floatToRawIntBits(expected[i])) {
                return i;
            }
        }
        return -1;
    }
}
