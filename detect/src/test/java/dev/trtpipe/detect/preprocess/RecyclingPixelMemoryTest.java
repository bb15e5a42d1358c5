package dev.trtpipe.detect.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trtpipe.detect.testing.DirectPixelMemory;
import org.junit.jupiter.api.Test;

/** Blocks given back by closed images are handed out again for the same size, within a bound, and freed on close. */
class RecyclingPixelMemoryTest {

    private static final byte[] TWO_BY_TWO = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};

    @Test
    void aClosedImagesBlockIsReusedForTheNextImageOfTheSameSizeOnly() {
        DirectPixelMemory source = new DirectPixelMemory();
        try (RecyclingPixelMemory memory = new RecyclingPixelMemory(source, 1 << 20)) {
            RgbImage first = RgbImage.ofPlanes(2, 2, TWO_BY_TWO, memory);
            first.close();
            assertThat(memory.idleBytes()).isEqualTo(12);

            RgbImage second = RgbImage.ofPlanes(2, 2, new byte[12], memory);
            RgbImage other = RgbImage.ofPlanes(1, 1, new byte[] {1, 2, 3}, memory);

            assertThat(memory.reused()).isEqualTo(1);
            assertThat(memory.allocated()).isEqualTo(2);
            assertThat(source.allocated()).isEqualTo(2);
            assertThat(second.sample(2, 1, 1)).isZero(); // the reused block holds the new image, not the old one's bytes
            assertThatThrownBy(() -> first.sample(0, 0, 0)).isInstanceOf(IllegalStateException.class);
            second.close();
            other.close();
            assertThat(source.outstanding()).isEqualTo(2); // kept idle for reuse
        }
        assertThat(source.outstanding()).isZero(); // close gave the idle ones back
    }

    @Test
    void blocksBeyondTheIdleBoundGoBackToTheSourceAtOnce() {
        DirectPixelMemory source = new DirectPixelMemory();
        try (RecyclingPixelMemory memory = new RecyclingPixelMemory(source, 20)) {
            RgbImage a = RgbImage.ofPlanes(2, 2, TWO_BY_TWO, memory);
            RgbImage b = RgbImage.ofPlanes(2, 2, TWO_BY_TWO, memory);
            a.close();
            b.close(); // 12 + 12 > 20

            assertThat(memory.idleBytes()).isEqualTo(12);
            assertThat(source.outstanding()).isEqualTo(1);
        }
    }

    @Test
    void anImageStillOpenWhenTheMemoryClosesGivesItsBlockToTheSourceWhenItCloses() {
        DirectPixelMemory source = new DirectPixelMemory();
        RecyclingPixelMemory memory = new RecyclingPixelMemory(source, 1 << 20);
        RgbImage image = RgbImage.ofPlanes(2, 2, TWO_BY_TWO, memory);
        memory.close();

        assertThat(image.sample(0, 1, 1)).isEqualTo(4); // still its own memory
        assertThatThrownBy(() -> memory.allocate(12)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        image.close();
        assertThat(source.outstanding()).isZero();
        assertThat(memory.idleBytes()).isZero();
    }
}
