package dev.trtpipe.detect.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@code ofPlanes} copies; {@code wrap} reads the caller's buffer (a video pipeline recycles its frame buffers). */
class RgbImageTest {

    /** 2×1 pixels: R plane {10, 11}, G plane {20, 21}, B plane {30, 31}. */
    private static byte[] planes() {
        return new byte[] {10, 11, 20, 21, 30, 31};
    }

    @Test
    void ofPlanesCopiesAndWrapDoesNot() {
        byte[] buffer = planes();
        RgbImage copied = RgbImage.ofPlanes(2, 1, buffer);
        RgbImage wrapped = RgbImage.wrap(2, 1, buffer);
        assertThat(wrapped.sample(1, 1, 0)).isEqualTo(21);
        buffer[3] = 99; // G of pixel (1, 0), as a recycled buffer gets the next frame
        assertThat(copied.sample(1, 1, 0)).isEqualTo(21);
        assertThat(wrapped.sample(1, 1, 0)).isEqualTo(99);
        assertThat(wrapped.sample(2, 0, 0)).isEqualTo(30);
    }

    @Test
    void wrapChecksTheSize() {
        assertThatThrownBy(() -> RgbImage.wrap(2, 2, planes())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 12 bytes");
    }
}
