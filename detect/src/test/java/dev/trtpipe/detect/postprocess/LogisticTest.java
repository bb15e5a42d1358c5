package dev.trtpipe.detect.postprocess;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The raw-value cutoff must agree with thresholding the activated value, at and around the boundary. */
class LogisticTest {

    @ParameterizedTest
    @ValueSource(floats = {0f, 0.005f, 0.24f, 0.25f, 0.5f, 0.9f, 0.999f})
    void cutoffIsTheExactBoundaryOfTheActivatedThreshold(float threshold) {
        float cutoff = Logistic.cutoff(threshold);
        assertThat(Logistic.apply(cutoff)).isLessThanOrEqualTo(threshold);
        assertThat(Logistic.apply(Math.nextUp(cutoff))).isGreaterThan(threshold);
    }

    @ParameterizedTest
    @ValueSource(floats = {1f, 1.5f})
    void nothingPassesAThresholdOfOneOrMore(float threshold) {
        assertThat(Logistic.cutoff(threshold)).isEqualTo(Float.POSITIVE_INFINITY);
    }
}
