package dev.trtpipe.trt.check;

import dev.trtpipe.darknet.io.AtomicFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * numpy's {@code .npy} format, versions 1.0, 2.0 and 3.0, written from its definition
 * (numpy/lib/format.py): the magic {@code \x93NUMPY}, a major and minor version byte, the header length
 * (2 bytes little-endian in 1.0, 4 in 2.0/3.0), then a Python dict literal
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (1, 3), }} padded with spaces and ended by
 * {@code \n} so that the data starts at a multiple of 64, then the raw C-order values.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGNMENT = 64;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([A-Za-z]\\d*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    public static TensorData read(Path file) throws IOException {
        return parse(Files.readAllBytes(file), file.toString());
    }

    /** @param source names the file in messages */
    public static TensorData parse(byte[] file, String source) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        if (file.length < 10 || !Arrays.equals(Arrays.copyOf(file, 6), MAGIC)) {
            throw new IllegalArgumentException(source + ": not a .npy file (it does not start with \\x93NUMPY); save it with numpy.save");
        }
        int major = file[6];
        int headerStart;
        long headerLength;
        if (major == 1) {
            headerLength = b.getShort(8) & 0xffff;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            headerLength = b.getInt(8) & 0xffffffffL;
            headerStart = 12;
        } else {
            throw new IllegalArgumentException(source + ": .npy format version " + major + "." + file[7]
                    + " is not one of 1.0, 2.0, 3.0; save it with numpy.save");
        }
        if (headerStart + headerLength > file.length) {
            throw new IllegalArgumentException(source + ": the .npy header says " + headerLength + " bytes at offset " + headerStart
                    + " but the file has " + file.length + "; the file is truncated");
        }
        String header = new String(file, headerStart, (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        ElementType type = type(header, source);
        ByteOrder order = byteOrder(header);
        if (matcher(FORTRAN, header, "fortran_order", source).group(1).equals("True")) {
            throw new IllegalArgumentException(source + ": the array is in Fortran order; save numpy.ascontiguousarray(a) instead");
        }
        long[] shape = shape(matcher(SHAPE, header, "shape", source).group(1), source);
        int dataStart = (int) (headerStart + headerLength);
        long expected = TensorData.volume(shape) * type.size();
        if (file.length - dataStart != expected) {
            throw new IllegalArgumentException(source + ": shape " + TensorData.format(shape) + " of " + type.onnxName() + " needs "
                    + expected + " data bytes after the header (offset " + dataStart + "), the file has " + (file.length - dataStart));
        }
        byte[] data = Arrays.copyOfRange(file, dataStart, file.length);
        if (order == ByteOrder.BIG_ENDIAN) {
            swapBytes(data, type.size());
        }
        return new TensorData(type, shape, data);
    }

    /** Writes {@code tensor} as a version 1.0 file (2.0 when the header outgrows 1.0's 65535 bytes), atomically. */
    public static void write(Path file, TensorData tensor) throws IOException {
        byte[] bytes = toBytes(tensor);
        AtomicFile.write(file, bytes);
    }

    public static byte[] toBytes(TensorData tensor) {
        String order = tensor.type().size() == 1 ? "|" : "<";
        StringBuilder shape = new StringBuilder("(");
        for (long d : tensor.shape()) {
            shape.append(d).append(", ");
        }
        if (tensor.shape().length > 1) {
            shape.setLength(shape.length() - 2); // (2, 3) but (5,) for one dimension, as Python writes tuples
        } else if (tensor.shape().length == 1) {
            shape.setLength(shape.length() - 1);
        }
        shape.append(')');
        String dict = "{'descr': '" + order + tensor.type().numpyCode() + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int version = MAGIC.length + 2 + 2 + dict.length() + 1 <= 65535 ? 1 : 2;
        int prefix = MAGIC.length + 2 + (version == 1 ? 2 : 4);
        int padded = (prefix + dict.length() + 1 + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        String header = dict + " ".repeat(padded - prefix - dict.length() - 1) + "\n";
        ByteBuffer out = ByteBuffer.allocate(padded + tensor.bytes().length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) version).put((byte) 0);
        if (version == 1) {
            out.putShort((short) header.length());
        } else {
            out.putInt(header.length());
        }
        out.put(header.getBytes(StandardCharsets.ISO_8859_1)).put(tensor.bytes());
        return out.array();
    }

    private static ElementType type(String header, String source) {
        Matcher m = matcher(DESCR, header, "descr", source);
        return ElementType.fromNumpyCode(m.group(2)).orElseThrow(() -> new IllegalArgumentException(source + ": numpy dtype '"
                + m.group(1) + m.group(2) + "' is not one check feeds; use float32, float16, float64, int8, uint8, int32, int64 or bool"));
    }

    private static ByteOrder byteOrder(String header) {
        Matcher m = DESCR.matcher(header);
        return m.find() && m.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    private static Matcher matcher(Pattern pattern, String header, String key, String source) {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw new IllegalArgumentException(source + ": the .npy header has no readable '" + key + "' entry: " + header.strip());
        }
        return m;
    }

    private static long[] shape(String tuple, String source) {
        String[] parts = tuple.split(",");
        return Arrays.stream(parts).map(String::strip).filter(s -> !s.isEmpty()).mapToLong(s -> {
            try {
                long d = Long.parseLong(s.endsWith("L") ? s.substring(0, s.length() - 1) : s); // Python 2 wrote 3L
                if (d < 0) {
                    throw new NumberFormatException();
                }
                return d;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(source + ": the .npy shape (" + tuple + ") has a dimension '" + s
                        + "' that is not a non-negative integer");
            }
        }).toArray();
    }

    private static void swapBytes(byte[] data, int size) {
        for (int i = 0; i < data.length; i += size) {
            for (int a = i, z = i + size - 1; a < z; a++, z--) {
                byte t = data[a];
                data[a] = data[z];
                data[z] = t;
            }
        }
    }
}
