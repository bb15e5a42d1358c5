package dev.trtpipe.trt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trtpipe.detect.preprocess.PixelMemory;
import dev.trtpipe.detect.preprocess.RgbImage;
import java.nio.ByteBuffer;
import org.bytedeco.javacpp.BytePointer;
import org.junit.jupiter.api.Test;

/**
 * {@link DeviceImages} hands {@code cudaMemcpyAsync} the address JavaCPP takes from an image's read-only
 * {@link RgbImage#planesView()}; checked without a GPU on a direct buffer: the pointer reads the image's own
 * bytes, at the block's address, not a copy.
 */
class PlanesAddressTest {

    @Test
    void aPointerOverThePlanesViewReadsTheImagesOwnMemory() {
        ByteBuffer[] made = new ByteBuffer[1];
        PixelMemory direct = bytes -> {
            made[0] = ByteBuffer.allocateDirect(bytes);
            return new PixelMemory.Block(made[0], true, () -> { });
        };
        byte[] planes = new byte[3 * 5 * 4];
        for (int i = 0; i < planes.length; i++) {
            planes[i] = (byte) (7 * i + 3);
        }
        try (RgbImage image = RgbImage.ofPlanes(5, 4, planes, direct)) {
            BytePointer pointer = new BytePointer(image.planesView());

            assertThat(pointer.address()).isEqualTo(new BytePointer(made[0]).address());
            byte[] read = new byte[planes.length];
            pointer.get(read);
            assertThat(read).isEqualTo(planes);
        }
    }
}
