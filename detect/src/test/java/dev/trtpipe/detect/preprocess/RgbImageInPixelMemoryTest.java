package dev.trtpipe.detect.preprocess;

import static dev.trtpipe.detect.preprocess.ResizeImplementations.all;
import static dev.trtpipe.detect.preprocess.ResizeImplementations.assumeAvailable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.trtpipe.detect.testing.DirectPixelMemory;
import dev.trtpipe.detect.testing.SharedRefs;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.ByteBuffer;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An image whose planes live off the heap (as in pinned memory) is the same image: darknet's input tensors
 * from it equal darknet's own, bit for bit, on every resize kernel; its samples and drawing equal those of
 * the heap image; closing gives its memory back exactly once and makes its pixels unreadable.
 */
class RgbImageInPixelMemoryTest {

    static Stream<Arguments> darknetRuns() {
        return all(
                arguments("yolo-fastest-1.1_320x320_dogpng_letterbox", 320, 320, true),
                arguments("yolo-fastest-1.1_320x320_dogpng_resize", 320, 320, false),
                arguments("yolov3-tiny-mini_160x128_dogpng_letterbox", 160, 128, true),
                arguments("yolov3-tiny-mini_160x128_dogpng_resize", 160, 128, false));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("darknetRuns")
    void anImageLoadedOffTheHeapGivesDarknetsInputBitForBit(ResizeImplementation implementation, String dir, int netW, int netH,
                                                             boolean letterbox) throws Exception {
        assumeAvailable(implementation);
        DirectPixelMemory memory = new DirectPixelMemory();
        float[] expected = SharedRefs.floats(SharedRefs.resolve("ref/preprocess/" + dir + "/input.bin"));

        try (RgbImage image = ImageLoader.load(SharedRefs.resolve("images/dog_decoded.png"), memory)) {
            assertThat(image.pageLocked()).isTrue();
            assertThat(image.planesView().isDirect()).isTrue();
            float[] actual = new Preprocessor(netW, netH, letterbox).using(implementation).toTensor(image);

            assertThat(actual).hasSameSizeAs(expected);
            assertThat(ResizeImplementations.firstBitDifference(actual, expected)).as("first value differing from darknet's").isEqualTo(-1);
        }
        assertThat(memory.outstanding()).isZero();
    }

    /**
     * {@link RgbImage#writtenIn}: planes written in place in a block, here recycled heap arrays (a video's frames
     * on the CPU path), give darknet's input bit for bit, and the CPU kernels read the block's array itself rather
     * than a copy of it.
     */
    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("darknetRuns")
    void anImageWrittenInAHeapBlockGivesDarknetsInputAndIsReadInPlace(ResizeImplementation implementation, String dir, int netW,
                                                                      int netH, boolean letterbox) throws Exception {
        assumeAvailable(implementation);
        RgbImage loaded = ImageLoader.load(SharedRefs.resolve("images/dog_decoded.png"));
        byte[][] given = new byte[1][];
        int[] released = new int[1];
        PixelMemory recycledArrays = bytes -> {
            given[0] = new byte[bytes];
            return new PixelMemory.Block(ByteBuffer.wrap(given[0]), false, () -> released[0]++);
        };
        float[] expected = SharedRefs.floats(SharedRefs.resolve("ref/preprocess/" + dir + "/input.bin"));
        try (RgbImage image = RgbImage.writtenIn(recycledArrays, loaded.width(), loaded.height(), loaded::copyPlanesTo)) {
            assertThat(image.pageLocked()).isFalse();
            assertThat(image.planes()).as("the block's own array").isSameAs(given[0]);
            float[] actual = new Preprocessor(netW, netH, letterbox).using(implementation).toTensor(image);
            assertThat(ResizeImplementations.firstBitDifference(actual, expected)).as("first value differing from darknet's").isEqualTo(-1);
        }
        assertThat(released[0]).isEqualTo(1);
    }

    @Test
    void aBlockWhoseFillFailsIsGivenBack() {
        DirectPixelMemory memory = new DirectPixelMemory();
        assertThatThrownBy(() -> RgbImage.writtenIn(memory, 2, 2, b -> {
            throw new IllegalArgumentException("cannot convert");
        })).hasMessage("cannot convert");
        assertThat(memory.allocated()).isEqualTo(1);
        assertThat(memory.outstanding()).isZero();
    }

    @Test
    void samplesPlanesAndDrawingEqualTheHeapImages() throws Exception {
        BufferedImage decoded = ImageIO.read(SharedRefs.resolve("images/person_decoded.png").toFile());
        RgbImage heap = BufferedImages.toRgb(decoded);
        DirectPixelMemory memory = new DirectPixelMemory();
        try (RgbImage direct = BufferedImages.toRgb(decoded, memory);
             RgbImage copied = heap.copyIn(memory)) {
            for (RgbImage image : new RgbImage[] {direct, copied}) {
                assertThat(planes(image)).isEqualTo(planes(heap));
                assertThat(image.sample(2, image.width() - 1, image.height() - 1)).isEqualTo(heap.sample(2, heap.width() - 1, heap.height() - 1));
                assertThat(pixels(image.toBufferedImage())).isEqualTo(pixels(heap.toBufferedImage()));
                assertThat(planes(image.copyIn(PixelMemory.HEAP))).isEqualTo(planes(heap));
            }
            // independently of our conversion: R of the top-left pixel as ImageIO decoded it
            assertThat(direct.sample(0, 0, 0)).isEqualTo((decoded.getRGB(0, 0) >> 16) & 0xFF);
        }
        assertThat(memory.allocated()).isEqualTo(2);
        assertThat(memory.outstanding()).isZero();
    }

    @Test
    void closingGivesTheBlockBackOnceAndThePixelsCanNoLongerBeRead() {
        DirectPixelMemory memory = new DirectPixelMemory();
        RgbImage image = RgbImage.ofPlanes(3, 2, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18}, memory);
        assertThat(image.sample(1, 2, 1)).isEqualTo(12);
        assertThat(memory.outstanding()).isEqualTo(1);

        image.close();
        image.close(); // a second close gives nothing back twice (the memory double would throw)

        assertThat(memory.outstanding()).isZero();
        assertThat(image.width()).isEqualTo(3);
        assertThatThrownBy(() -> image.sample(0, 0, 0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the 3x2 image was closed");
        assertThatThrownBy(image::planesView).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> image.copyPlanesTo(ByteBuffer.allocate(18))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aHeapImageStaysReadableWhenClosed() {
        RgbImage image = RgbImage.ofPlanes(1, 1, new byte[] {7, 8, 9}, PixelMemory.HEAP);
        image.close();
        assertThat(image.pageLocked()).isFalse();
        assertThat(image.sample(2, 0, 0)).isEqualTo(9);
    }

    @Test
    void planesOfTheWrongSizeAreRefusedBeforeAnyMemoryIsTaken() {
        DirectPixelMemory memory = new DirectPixelMemory();
        assertThatThrownBy(() -> RgbImage.ofPlanes(2, 2, new byte[11], memory)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected 12 bytes for a 2x2 RGB image, got 11");
        assertThat(memory.allocated()).isZero();
    }

    private static byte[] planes(RgbImage image) {
        ByteBuffer view = image.planesView();
        byte[] out = new byte[view.remaining()];
        view.get(out);
        return out;
    }

    private static byte[] pixels(BufferedImage image) {
        return ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    }
}
