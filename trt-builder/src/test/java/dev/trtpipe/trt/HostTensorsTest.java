package dev.trtpipe.trt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** binary16 reference values from IEEE 754-2008 (half-precision examples). */
class HostTensorsTest {

    @Test
    void halfToFloatMatchesTheStandardsExamples() {
        assertThat(HostTensors.halfToFloat((short) 0x3c00)).isEqualTo(1.0f);
        assertThat(HostTensors.halfToFloat((short) 0xc000)).isEqualTo(-2.0f);
        assertThat(HostTensors.halfToFloat((short) 0x7bff)).isEqualTo(65504f);
        assertThat(HostTensors.halfToFloat((short) 0x3555)).isEqualTo(0.333251953125f);
        assertThat(HostTensors.halfToFloat((short) 0x0001)).isEqualTo((float) Math.pow(2, -24));
        assertThat(HostTensors.halfToFloat((short) 0x03ff)).isEqualTo((float) (1023 * Math.pow(2, -24)));
        assertThat(HostTensors.halfToFloat((short) 0x8000)).isEqualTo(-0.0f);
        assertThat(HostTensors.halfToFloat((short) 0x7c00)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(HostTensors.halfToFloat((short) 0x7e00)).isNaN();
    }
}
