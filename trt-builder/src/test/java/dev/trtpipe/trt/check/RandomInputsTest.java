package dev.trtpipe.trt.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RandomInputsTest {

    @Test
    void theSameSeedAndNameGiveTheSameValuesAndAnotherSeedOthers() {
        long[] shape = {2, 50};
        ValueRange r = new ValueRange(-1, 1);
        TensorData a = new RandomInputs(7).generate("x", ElementType.FLOAT, shape, r);
        assertThat(new RandomInputs(7).generate("x", ElementType.FLOAT, shape, r)).isEqualTo(a);
        assertThat(new RandomInputs(8).generate("x", ElementType.FLOAT, shape, r)).isNotEqualTo(a);
        assertThat(new RandomInputs(7).generate("y", ElementType.FLOAT, shape, r)).isNotEqualTo(a);
    }

    @Test
    void valuesStayInTheirRangeAndCoverIt() {
        double[] f = new RandomInputs(1).generate("x", ElementType.FLOAT, new long[] {10_000}, new ValueRange(-2, 3)).toDoubles();
        assertThat(Arrays.stream(f).min().orElseThrow()).isGreaterThanOrEqualTo(-2).isLessThan(-1.9);
        assertThat(Arrays.stream(f).max().orElseThrow()).isLessThan(3).isGreaterThan(2.9);
        double[] ints = new RandomInputs(1).generate("ids", ElementType.INT64, new long[] {1000}, new ValueRange(0, 9)).toDoubles();
        assertThat(Arrays.stream(ints).distinct().sorted().toArray()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        double[] bytes = new RandomInputs(1).generate("img", ElementType.UINT8, new long[] {5000}, ValueRange.defaultFor(ElementType.UINT8))
                .toDoubles();
        assertThat(Arrays.stream(bytes).max().orElseThrow()).isEqualTo(255);
    }

    @Test
    void anIntegerInputNeedsARangeHoldingAnInteger() {
        assertThatThrownBy(() -> new RandomInputs(1).generate("ids", ElementType.INT32, new long[] {1}, new ValueRange(0.2, 0.8)))
                .hasMessageContaining("holds no integer; give the input range ids:LOW,HIGH");
    }
}
