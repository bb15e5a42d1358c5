package dev.trtpipe.trt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.tensorrt.global.nvinfer.DataType;
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

    @Test
    void outputsConvertIntoTheArrayGivenAndOnlyItsLength() {
        ByteBuffer floats = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
        floats.putFloat(1.5f).putFloat(-2f).putFloat(3.25f).putFloat(99f);
        float[] into = {7, 7, 7};

        float[] out = HostTensors.toFloats(new BytePointer(floats.clear()).capacity(16), DataType.kFLOAT, into);

        assertThat(out).isSameAs(into).containsExactly(1.5f, -2f, 3.25f);
        ByteBuffer halves = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
        halves.putShort((short) 0x3c00).putShort((short) 0xc000);
        assertThat(HostTensors.toFloats(new BytePointer(halves.clear()).capacity(4), DataType.kHALF, new float[2])).containsExactly(1f, -2f);
    }
}
