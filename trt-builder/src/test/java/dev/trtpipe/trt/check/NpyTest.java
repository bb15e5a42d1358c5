package dev.trtpipe.trt.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** .npy files made byte by byte from the format's definition, as numpy.save writes them. */
class NpyTest {

    /** The magic, a version, a 1.0 (2-byte) or 2.0 (4-byte) little-endian header length, the header, the data. */
    private static byte[] file(int major, String dict, int... data) {
        int prefix = major == 1 ? 10 : 12;
        int total = (prefix + dict.length() + 1 + 63) / 64 * 64;
        String header = dict + " ".repeat(total - prefix - dict.length() - 1) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        int n = header.length();
        out.writeBytes(major == 1 ? new byte[] {(byte) n, (byte) (n >> 8)} : new byte[] {(byte) n, (byte) (n >> 8), 0, 0});
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        for (int b : data) {
            out.write(b);
        }
        return out.toByteArray();
    }

    @Test
    void readsFloat32LittleEndianVersion1() {
        // 1.0f = 00 00 80 3f, -2.5f = 00 00 20 c0, 0.5f = 00 00 00 3f
        byte[] bytes = file(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 3), }",
                0, 0, 0x80, 0x3f, 0, 0, 0x20, 0xc0, 0, 0, 0, 0x3f);
        TensorData t = Npy.parse(bytes, "a.npy");
        assertThat(t.type()).isEqualTo(ElementType.FLOAT);
        assertThat(t.shape()).containsExactly(1, 3);
        assertThat(t.toDoubles()).containsExactly(1.0, -2.5, 0.5);
    }

    @Test
    void readsBigEndianInt64Version2WithKeysInAnotherOrder() {
        byte[] bytes = file(2, "{'shape': (2,), 'fortran_order': False, 'descr': '>i8', }",
                0, 0, 0, 0, 0, 0, 0, 7, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe);
        TensorData t = Npy.parse(bytes, "ids.npy");
        assertThat(t.type()).isEqualTo(ElementType.INT64);
        assertThat(t.shape()).containsExactly(2);
        assertThat(t.toDoubles()).containsExactly(7.0, -2.0);
    }

    @Test
    void readsScalarsBoolAndHalf() {
        assertThat(Npy.parse(file(1, "{'descr': '|b1', 'fortran_order': False, 'shape': (), }", 1), "s.npy").toDoubles())
                .containsExactly(1.0);
        // 0x3c00 = 1.0, 0xc000 = -2.0, 0x0001 = 2^-24 (the smallest subnormal), 0x7bff = 65504 (the largest half)
        TensorData half = Npy.parse(file(1, "{'descr': '<f2', 'fortran_order': False, 'shape': (4,), }",
                0x00, 0x3c, 0x00, 0xc0, 0x01, 0x00, 0xff, 0x7b), "h.npy");
        assertThat(half.toDoubles()).containsExactly(1.0, -2.0, Math.pow(2, -24), 65504.0);
    }

    @Test
    void writesWhatNumpyWrites() {
        TensorData t = TensorData.of(ElementType.FLOAT, new long[] {1, 3}, new double[] {1.0, -2.5, 0.5});
        byte[] expected = file(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 3), }",
                0, 0, 0x80, 0x3f, 0, 0, 0x20, 0xc0, 0, 0, 0, 0x3f);
        assertThat(Npy.toBytes(t)).isEqualTo(expected);
        assertThat(Npy.toBytes(TensorData.of(ElementType.UINT8, new long[] {2}, new double[] {3, 250})))
                .isEqualTo(file(1, "{'descr': '|u1', 'fortran_order': False, 'shape': (2,), }", 3, 250));
    }

    @Test
    void roundTripsEveryTypeThroughAFile(@TempDir Path dir) throws Exception {
        for (ElementType type : ElementType.values()) {
            TensorData t = TensorData.of(type, new long[] {2, 1, 2}, new double[] {0, 1, 2, 3});
            Path f = dir.resolve(type + ".npy");
            Npy.write(f, t);
            assertThat(Npy.read(f)).as(type.name()).isEqualTo(t);
            assertThat(Files.size(f) - t.bytes().length % 64).isNotNegative();
            assertThat((Files.size(f) - t.bytes().length) % 64).as("data aligned to 64").isZero();
        }
    }

    @Test
    void badFilesAreNamed() {
        assertThatThrownBy(() -> Npy.parse("PK\3\4not numpy".getBytes(StandardCharsets.US_ASCII), "x.npy"))
                .hasMessageStartingWith("x.npy: not a .npy file");
        assertThatThrownBy(() -> Npy.parse(file(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", 0, 0, 0, 0), "short.npy"))
                .hasMessageContaining("short.npy").hasMessageContaining("needs 8 data bytes").hasMessageContaining("has 4");
        assertThatThrownBy(() -> Npy.parse(file(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (1,), }", 0, 0, 0, 0), "f.npy"))
                .hasMessageContaining("Fortran order");
        assertThatThrownBy(() -> Npy.parse(file(1, "{'descr': '<U3', 'fortran_order': False, 'shape': (1,), }"), "s.npy"))
                .hasMessageContaining("s.npy: numpy dtype '<U3'");
        byte[] truncatedHeader = file(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }");
        assertThatThrownBy(() -> Npy.parse(java.util.Arrays.copyOf(truncatedHeader, 20), "t.npy"))
                .hasMessageContaining("t.npy: the .npy header says");
    }
}
