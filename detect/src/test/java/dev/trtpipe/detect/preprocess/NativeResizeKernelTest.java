package dev.trtpipe.detect.preprocess;

import static dev.trtpipe.detect.preprocess.ResizeImplementations.firstBitDifference;
import static dev.trtpipe.detect.preprocess.ResizeImplementations.kernelOf;
import static dev.trtpipe.detect.preprocess.ResizeImplementations.natives;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.trtpipe.detect.testing.SharedRefs;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The C kernels (scalar and AVX2) against {@link JavaResizeKernel}, bit for bit, on geometries that take
 * every branch of the C code: AVX2 blocks within one 16-pixel window, blocks spread over two windows
 * (downscaling up to ~4.6×), blocks that fall back to the scalar loop (stronger downscaling, sources under
 * 16 pixels wide), output widths that are not multiples of 8, one-pixel sides, placement inside a larger
 * tensor, and row bands. The Java kernel itself is checked against darknet in {@link DarknetResizeLiteralTest}
 * and {@link PreprocessorReferenceTest}. Values outside the resized window must be left alone, so the
 * tensors start filled with a sentinel.
 */
class NativeResizeKernelTest {

    private static final float SENTINEL = -7.25f;

    static Stream<Arguments> noise() {
        return natives(
                arguments(768, 576, 608, 608),
                arguments(1920, 1080, 608, 608), // two windows per block
                arguments(1300, 700, 608, 608),
                arguments(4000, 90, 608, 31),    // 6.6x: the scalar loop
                arguments(2900, 40, 609, 40),    // ~4.8x: blocks of either kind
                arguments(320, 240, 608, 608),   // upsampling
                arguments(640, 480, 607, 413),
                arguments(31, 17, 13, 29),
                arguments(15, 9, 61, 7),         // a source narrower than a window
                arguments(16, 16, 24, 24),       // exactly one window
                arguments(17, 3, 17, 3),
                arguments(1, 1, 4, 3),
                arguments(1, 7, 5, 9),
                arguments(7, 1, 9, 5),
                arguments(50, 40, 1, 5),
                arguments(50, 40, 33, 1));
    }

    @ParameterizedTest(name = "{0}: noise {1}x{2} -> {3}x{4}")
    @MethodSource("noise")
    void equalsJavaOnNoise(ResizeImplementation implementation, int inW, int inH, int outW, int outH) {
        RgbImage image = noise(inW, inH);

        assertSameAsJava(implementation, image, outW, outH);
    }

    static Stream<Arguments> dog() {
        return natives(arguments(608, 608), arguments(416, 312), arguments(1000, 900), arguments(150, 97));
    }

    @ParameterizedTest(name = "{0}: dog 768x576 -> {1}x{2}")
    @MethodSource("dog")
    void equalsJavaOnDog(ResizeImplementation implementation, int outW, int outH) throws Exception {
        RgbImage image = ImageLoader.load(SharedRefs.resolve("images/dog_decoded.png"));

        assertSameAsJava(implementation, image, outW, outH);
    }

    /** Scale exactly 1: every output is weight 1 times one source pixel, so this pins byte → float for all 256 bytes. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"NATIVE_SCALAR", "NATIVE_AVX2"})
    void convertsEveryByteAsDarknet(ResizeImplementation implementation) {
        byte[] planes = new byte[3 * 64 * 40];
        for (int i = 0; i < planes.length; i++) {
            planes[i] = (byte) (i * 37);
        }
        RgbImage ramp = new RgbImage(64, 40, planes);
        float[] out = resize(kernelOf(implementation), ramp, 64, 40);

        for (int i = 0; i < planes.length; i++) {
            assertThat(Float.floatToRawIntBits(out[i])).as("byte %d", planes[i] & 0xFF)
                    .isEqualTo(Float.floatToRawIntBits((float) ((planes[i] & 0xFF) / 255.0)));
        }
    }

    static Stream<Arguments> windows() {
        return natives(arguments(608, 456, 608, 608, 0, 76), arguments(301, 416, 416, 416, 57, 0), arguments(9, 5, 16, 8, 3, 2));
    }

    /** As the letterbox places it: inside a larger tensor, item 1 of a batch; the border must stay untouched. */
    @ParameterizedTest(name = "{0}: {1}x{2} at ({5}, {6}) of {3}x{4}")
    @MethodSource("windows")
    void writesOnlyItsWindowOfATensor(ResizeImplementation implementation, int outW, int outH, int netW, int netH, int x0, int y0) {
        RgbImage image = noise(777, 555);
        int item = 3 * netW * netH;
        ResizeTarget expected = new ResizeTarget(filled(3 * item), item, netW, netH, x0, y0);
        ResizeTarget actual = new ResizeTarget(filled(3 * item), item, netW, netH, x0, y0);

        new DarknetResize(777, 555, outW, outH, JavaResizeKernel.INSTANCE).resizeRows(image, expected, 0, outH);
        new DarknetResize(777, 555, outW, outH, kernelOf(implementation)).resizeRows(image, actual, 0, outH);

        assertThat(firstBitDifference(actual.data(), expected.data())).as("first differing value").isEqualTo(-1);
        assertThat(actual.data()[0]).as("item 0 untouched").isEqualTo(SENTINEL);
        assertThat(actual.data()[3 * item - 1]).as("item 2 untouched").isEqualTo(SENTINEL);
    }

    static Stream<Arguments> bands() {
        return natives(arguments(768, 576, 608, 608, 5), arguments(100, 300, 96, 77, 7), arguments(60, 20, 80, 100, 3));
    }

    /** Bands (as Preprocessor runs them in parallel), each starting its source-row cache afresh. */
    @ParameterizedTest(name = "{0}: {1}x{2} -> {3}x{4} in {5} bands")
    @MethodSource("bands")
    void bandsEqualJavaInOnePass(ResizeImplementation implementation, int inW, int inH, int outW, int outH, int bands) {
        RgbImage image = noise(inW, inH);
        DarknetResize banded = new DarknetResize(inW, inH, outW, outH, kernelOf(implementation));
        ResizeTarget actual = new ResizeTarget(filled(3 * outW * outH), 0, outW, outH, 0, 0);

        for (int b = bands - 1; b >= 0; b--) { // in reverse: no band may depend on an earlier one
            banded.resizeRows(image, actual, outH * b / bands, outH * (b + 1) / bands);
        }

        assertThat(firstBitDifference(actual.data(), resize(JavaResizeKernel.INSTANCE, image, outW, outH))).as("first differing value")
                .isEqualTo(-1);
    }

    @Test
    void refusesAWindowOutsideTheTensorBeforeCallingTheKernel() {
        RgbImage image = noise(40, 30);
        DarknetResize plan = new DarknetResize(40, 30, 20, 20, (src, cols, rows, target, from, to) -> {
            throw new AssertionError("the kernel must not be called");
        });

        assertThatThrownBy(() -> plan.resizeRows(image, new ResizeTarget(new float[3 * 20 * 20], 0, 20, 20, 1, 0), 0, 20))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("does not fit");
        assertThatThrownBy(() -> plan.resizeRows(image, new ResizeTarget(new float[3 * 20 * 20 - 1], 0, 20, 20, 0, 0), 0, 20))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> plan.resizeRows(image, new ResizeTarget(new float[3 * 20 * 20], 0, 20, 20, 0, 0), 5, 21))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> plan.resizeRows(noise(41, 30), new ResizeTarget(new float[3 * 20 * 20], 0, 20, 20, 0, 0), 0, 20))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("41x30");
    }

    private static void assertSameAsJava(ResizeImplementation implementation, RgbImage image, int outW, int outH) {
        float[] actual = resize(kernelOf(implementation), image, outW, outH);
        float[] expected = resize(JavaResizeKernel.INSTANCE, image, outW, outH);

        int first = firstBitDifference(actual, expected);
        assertThat(first).as("first differing value (%s vs Java %s)", first < 0 ? "" : actual[first], first < 0 ? "" : expected[first])
                .isEqualTo(-1);
    }

    private static float[] resize(ResizeKernel kernel, RgbImage image, int outW, int outH) {
        ResizeTarget target = new ResizeTarget(filled(3 * outW * outH), 0, outW, outH, 0, 0);
        new DarknetResize(image.width(), image.height(), outW, outH, kernel).resizeRows(image, target, 0, outH);
        return target.data();
    }

    private static RgbImage noise(int w, int h) {
        byte[] planes = new byte[3 * w * h];
        new SplittableRandom(w * 7919L + h).nextBytes(planes);
        return new RgbImage(w, h, planes);
    }

    private static float[] filled(int n) {
        float[] a = new float[n];
        Arrays.fill(a, SENTINEL);
        return a;
    }
}
