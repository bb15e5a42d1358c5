package dev.trtpipe.trt.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TensorDataTest {

    @Test
    void halfPrecisionRoundsToNearestEven() {
        // binary16 has 10 mantissa bits: between 1 and 2 the step is 2^-10
        assertThat(Half.toFloat(Half.fromFloat(1 + 0x1p-11f))).isEqualTo(1f); // a tie goes to the even 1.0
        assertThat(Half.toFloat(Half.fromFloat(1 + 3 * 0x1p-11f))).isEqualTo(1 + 2 * 0x1p-10f); // a tie goes to the even 1+2^-9
        assertThat(Half.toFloat(Half.fromFloat(1 + 0x1p-11f + 0x1p-20f))).isEqualTo(1 + 0x1p-10f);
        assertThat(Half.fromFloat(65504f)).isEqualTo((short) 0x7bff);
        assertThat(Half.fromFloat(70000f)).isEqualTo((short) 0x7c00);
        assertThat(Half.fromFloat(0x1p-24f)).isEqualTo((short) 0x0001);
        assertThat(Half.fromFloat(-0f)).isEqualTo((short) 0x8000);
        assertThat(Half.toFloat(Half.fromFloat(Float.NaN))).isNaN();
    }

    @Test
    void integerConversionsSaturateLikeACast() {
        TensorData t = TensorData.of(ElementType.INT8, new long[] {3}, new double[] {-300, 5.9, 300});
        assertThat(t.toDoubles()).containsExactly(-128, 5, 127);
        assertThat(TensorData.of(ElementType.UINT8, new long[] {2}, new double[] {-1, 256}).toDoubles()).containsExactly(0, 255);
    }

    @Test
    void theByteCountMustFitTheShape() {
        assertThatThrownBy(() -> new TensorData(ElementType.FLOAT, new long[] {2, 2}, new byte[12]))
                .hasMessageContaining("float tensor of shape 2x2 needs 16 bytes, got 12");
        assertThat(TensorData.format(new long[0])).isEqualTo("scalar");
    }
}
