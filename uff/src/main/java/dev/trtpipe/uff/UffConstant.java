package dev.trtpipe.uff;

import com.google.protobuf.ByteString;
import dev.trtpipe.uff.proto.Uff.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A {@code Const} node's tensor: element type, shape (empty = scalar) and raw little-endian bytes, shared
 * with the parsed file. Conversions to Java arrays are bulk copies through buffer views.
 */
public record UffConstant(String name, DataType dtype, long[] shape, ByteString raw) {

    static UffConstant of(UffNode node) {
        long[] shape = node.longs("shape").orElse(new long[0]);
        DataType dtype = node.field("dtype").map(d -> d.getDtype()).orElse(DataType.DT_FLOAT32);
        ByteString raw = node.blob("values").orElseThrow(() -> node.problem("has no 'values' blob"));
        long elements = elements(shape);
        int width = byteWidth(dtype, node);
        if (raw.size() != elements * width) {
            throw node.problem("holds " + raw.size() + " bytes, but shape " + java.util.Arrays.toString(shape) + " of "
                    + dtype + " needs " + elements * width + "; the file is corrupt");
        }
        return new UffConstant(node.id(), dtype, shape, raw);
    }

    static long elements(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    private static int byteWidth(DataType dtype, UffNode node) {
        return switch (dtype) {
            case DT_FLOAT32, DT_INT32 -> 4;
            case DT_INT64 -> 8;
            case DT_FLOAT16, DT_INT16 -> 2;
            case DT_INT8 -> 1;
            default -> throw node.problem("has unsupported dtype " + dtype);
        };
    }

    public boolean isFloat() {
        return dtype == DataType.DT_FLOAT32 || dtype == DataType.DT_FLOAT16;
    }

    public long elementCount() {
        return elements(shape);
    }

    public ByteBuffer littleEndian() {
        return raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Float32 values (float16 widened). */
    public float[] floats() {
        float[] out = new float[(int) elementCount()];
        ByteBuffer b = littleEndian();
        switch (dtype) {
            case DT_FLOAT32 -> b.asFloatBuffer().get(out);
            case DT_FLOAT16 -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = halfToFloat(b.getShort(2 * i));
                }
            }
            default -> {
                long[] l = longs();
                for (int i = 0; i < out.length; i++) {
                    out[i] = l[i];
                }
            }
        }
        return out;
    }

    /** Integer values widened to int64 (shape and axis constants are INT32 in TLT exports, INT64 in others). */
    public long[] longs() {
        long[] out = new long[(int) elementCount()];
        ByteBuffer b = littleEndian();
        switch (dtype) {
            case DT_INT64 -> b.asLongBuffer().get(out);
            case DT_INT32 -> {
                int[] ints = new int[out.length];
                b.asIntBuffer().get(ints);
                for (int i = 0; i < out.length; i++) {
                    out[i] = ints[i];
                }
            }
            case DT_INT16 -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = b.getShort(2 * i);
                }
            }
            case DT_INT8 -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = b.get(i);
                }
            }
            default -> {
                float[] f = floats();
                for (int i = 0; i < out.length; i++) {
                    out[i] = (long) f[i];
                }
            }
        }
        return out;
    }

    /** IEEE 754 binary16 to float32 (Float.float16ToFloat needs Java 20). */
    static float halfToFloat(short half) {
        int h = half & 0xffff;
        int sign = (h >>> 15) << 31;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float value = mantissa * 0x1p-24f;
            return sign == 0 ? value : -value;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }
}
