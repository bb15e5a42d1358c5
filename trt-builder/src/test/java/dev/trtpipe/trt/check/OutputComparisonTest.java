package dev.trtpipe.trt.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The error metrics on cases worked out by hand. */
class OutputComparisonTest {

    private static TensorData floats(double... v) {
        return TensorData.of(ElementType.FLOAT, new long[] {v.length}, v);
    }

    private static Tolerances relL2(double bound) {
        return new Tolerances(Optional.empty(), Optional.empty(), Optional.of(bound));
    }

    @Test
    void maxAbsAndRelativeL2ByHand() {
        // reference (3, 4): norm 5; difference (0, -0.5): norm 0.5 → relative L2 0.1, max abs 0.5
        OutputComparison c = OutputComparison.compare("y", floats(3, 4), floats(3, 3.5), relL2(0.2));
        assertThat(c.maxAbs()).isCloseTo(0.5, within(1e-12));
        assertThat(c.relativeL2()).isCloseTo(0.1, within(1e-12));
        assertThat(c.passed()).isTrue();
        OutputComparison strict = OutputComparison.compare("y", floats(3, 4), floats(3, 3.5), relL2(0.05));
        assertThat(strict.passed()).isFalse();
        assertThat(strict.verdict(relL2(0.05))).isEqualTo("FAIL (rel-L2 1.00e-01 > 5e-02)");
    }

    @Test
    void elementWiseToleranceIsAtolPlusRtolTimesReference() {
        // |101 - 100| = 1 <= 0.5 + 0.01*100 = 1.5 passes; |2.2 - 2| = 0.2 > 0.5? no, passes; |0.7 - 0| = 0.7 > 0.5 fails
        Tolerances t = new Tolerances(Optional.of(0.5), Optional.of(0.01), Optional.empty());
        OutputComparison c = OutputComparison.compare("y", floats(100, 2, 0), floats(101, 2.2, 0.7), t);
        assertThat(c.mismatches()).isEqualTo(1);
        assertThat(c.passed()).isFalse();
        assertThat(c.verdict(t)).isEqualTo("FAIL (1 elements outside atol 0.5 + rtol 0.01)");
        assertThat(OutputComparison.compare("y", floats(100, 2), floats(101, 2.2), t).passed()).isTrue();
    }

    @Test
    void aZeroReferenceGivesThePlainNormOfTheDifference() {
        OutputComparison c = OutputComparison.compare("y", floats(0, 0), floats(0.3, 0.4), relL2(1));
        assertThat(c.relativeL2()).isCloseTo(0.5, within(1e-7));
    }

    @Test
    void nanOnOneSideFailsAndTheSameNanOnBothAgrees() {
        assertThat(OutputComparison.compare("y", floats(1, Double.NaN), floats(1, Double.NaN), relL2(0)).passed()).isTrue();
        OutputComparison c = OutputComparison.compare("y", floats(1, 2), floats(1, Double.NaN), relL2(1));
        assertThat(c.passed()).isFalse();
        assertThat(c.maxAbs()).isNaN();
        assertThat(c.verdict(relL2(1))).contains("NaN");
    }

    @Test
    void shapesThatDifferFailWithoutComparingValues() {
        OutputComparison c = OutputComparison.compare("y", TensorData.of(ElementType.FLOAT, new long[] {1, 2}, new double[] {1, 2}),
                floats(1, 2), relL2(1));
        assertThat(c.passed()).isFalse();
        assertThat(c.verdict(relL2(1))).isEqualTo("FAIL (shapes differ: reference 1x2, candidate 2)");
    }

    @Test
    void integerAndHalfOutputsCompareAsNumbers() {
        // an engine's int32 class ids against ONNX Runtime's int64; an fp16 output against float
        TensorData ids64 = TensorData.of(ElementType.INT64, new long[] {3}, new double[] {1, 5, 7});
        assertThat(OutputComparison.compare("ids", ids64, ids64.as(ElementType.INT32), relL2(0)).passed()).isTrue();
        // 0.1 in half precision is 0.0999755859375 (0x2e66)
        OutputComparison half = OutputComparison.compare("y", floats(0.1), floats(0.1).as(ElementType.FLOAT16), relL2(1));
        assertThat(half.maxAbs()).isCloseTo(Math.abs(0.0999755859375 - (float) 0.1), within(1e-12));
    }

    @Test
    void anInt32PluginCountAgainstAFloatPlainOnnxCountComparesByValue() {
        // NMSDynamic_TRT's keep count is INT32 in the engine; the plain-ONNX NMS gives it as float on ONNX Runtime
        TensorData plain = TensorData.of(ElementType.FLOAT, new long[] {2, 1, 1, 1}, new double[] {4, 7});
        assertThat(OutputComparison.compare("NMS:1", plain, TensorData.of(ElementType.INT32, new long[] {2, 1, 1, 1}, new double[] {4, 7}),
                relL2(0)).passed()).isTrue();
        OutputComparison off = OutputComparison.compare("NMS:1", plain,
                TensorData.of(ElementType.INT32, new long[] {2, 1, 1, 1}, new double[] {4, 6}), relL2(0));
        assertThat(off.passed()).isFalse();
        assertThat(off.maxAbs()).isEqualTo(1.0);
    }
}
