package dev.trtpipe.trt.check;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * One tensor's values as bytes in little-endian order (the order of .npy files and of x86/ARM hosts),
 * with its element type and shape. Values are read as {@code double} for comparing: exact for every
 * type here except int64 beyond 2⁵³, which no comparison of model outputs needs.
 */
public final class TensorData {

    private final ElementType type;
    private final long[] shape;
    private final byte[] bytes;

    /** @param bytes {@code volume(shape) * type.size()} bytes, little-endian; kept, not copied */
    public TensorData(ElementType type, long[] shape, byte[] bytes) {
        this.type = Objects.requireNonNull(type, "type");
        this.shape = shape.clone();
        this.bytes = Objects.requireNonNull(bytes, "bytes");
        long expected = volume(shape) * type.size();
        if (bytes.length != expected) {
            throw new IllegalArgumentException("a " + type.onnxName() + " tensor of shape " + format(shape) + " needs " + expected
                    + " bytes, got " + bytes.length);
        }
    }

    /** A tensor of {@code type} holding {@code values}, each converted as a cast in C would (saturating for integers). */
    public static TensorData of(ElementType type, long[] shape, double[] values) {
        if (values.length != volume(shape)) {
            throw new IllegalArgumentException(values.length + " values do not fill shape " + format(shape));
        }
        ByteBuffer b = ByteBuffer.allocate(values.length * type.size()).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            switch (type) {
                case FLOAT -> b.putFloat((float) v);
                case FLOAT16 -> b.putShort(Half.fromFloat((float) v));
                case DOUBLE -> b.putDouble(v);
                case INT8 -> b.put((byte) Math.max(Byte.MIN_VALUE, Math.min(Byte.MAX_VALUE, (long) v)));
                case UINT8 -> b.put((byte) Math.max(0, Math.min(255, (long) v)));
                case INT32 -> b.putInt((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, (long) v)));
                case INT64 -> b.putLong((long) v);
                case BOOL -> b.put((byte) (v != 0 ? 1 : 0));
            }
        }
        return new TensorData(type, shape, b.array());
    }

    public ElementType type() {
        return type;
    }

    public long[] shape() {
        return shape.clone();
    }

    public long volume() {
        return volume(shape);
    }

    /** The little-endian bytes themselves (not a copy: callers only read them). */
    public byte[] bytes() {
        return bytes;
    }

    public ByteBuffer buffer() {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    public double[] toDoubles() {
        ByteBuffer b = buffer();
        double[] out = new double[Math.toIntExact(volume())];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (type) {
                case FLOAT -> b.getFloat(4 * i);
                case FLOAT16 -> Half.toFloat(b.getShort(2 * i));
                case DOUBLE -> b.getDouble(8 * i);
                case INT8 -> b.get(i);
                case UINT8 -> b.get(i) & 0xff;
                case INT32 -> b.getInt(4 * i);
                case INT64 -> b.getLong(8 * i);
                case BOOL -> b.get(i) != 0 ? 1 : 0;
            };
        }
        return out;
    }

    /** This tensor as {@code target} (itself when the type already matches), e.g. int64 ids for an engine that takes int32. */
    public TensorData as(ElementType target) {
        return target == type ? this : of(target, shape, toDoubles());
    }

    public static long volume(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("shape " + format(shape) + " has a dynamic dimension");
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** {@code 1x3x224x224}, the spelling of {@code --shapes}; a scalar is {@code scalar}. */
    public static String format(long[] shape) {
        if (shape.length == 0) {
            return "scalar";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : "x").append(shape[i] < 0 ? "?" : Long.toString(shape[i]));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return type.onnxName() + "[" + format(shape) + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorData t && type == t.type && Arrays.equals(shape, t.shape) && Arrays.equals(bytes, t.bytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, Arrays.hashCode(shape), Arrays.hashCode(bytes));
    }
}
