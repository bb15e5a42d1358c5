package dev.trtpipe.trt;

import dev.trtpipe.trt.check.Half;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.tensorrt.global.nvinfer.DataType;

/** TensorRT element types: sizes, ONNX spellings, and conversion of host copies to {@code float[]}. */
final class HostTensors {

    private HostTensors() {
    }

    static int elementSize(DataType type) {
        return switch (type) {
            case kFLOAT, kINT32 -> 4;
            case kHALF, kBF16 -> 2;
            case kINT64 -> 8;
            case kINT8, kUINT8, kBOOL, kFP8 -> 1;
            default -> throw new IllegalArgumentException("engine tensor type " + type + " is not supported by trtpipe's runtime");
        };
    }

    static String onnxName(DataType type) {
        return switch (type) {
            case kFLOAT -> "float";
            case kHALF -> "float16";
            case kBF16 -> "bfloat16";
            case kINT8 -> "int8";
            case kUINT8 -> "uint8";
            case kINT32 -> "int32";
            case kINT64 -> "int64";
            case kBOOL -> "bool";
            case kFP8 -> "float8";
            default -> type.name().substring(1).toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** The first {@code count} elements of {@code host}, widened to float. */
    static float[] toFloats(BytePointer host, DataType type, long count) {
        return toFloats(host, type, new float[Math.toIntExact(count)]);
    }

    /** The first {@code out.length} elements of {@code host}, widened to float into {@code out}, which is returned. */
    static float[] toFloats(BytePointer host, DataType type, float[] out) {
        ByteBuffer b = host.asByteBuffer().order(ByteOrder.nativeOrder());
        switch (type) {
            case kFLOAT -> b.asFloatBuffer().get(out);
            case kHALF -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = halfToFloat(b.getShort(2 * i));
                }
            }
            case kBF16 -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = Float.intBitsToFloat((b.getShort(2 * i) & 0xffff) << 16);
                }
            }
            case kINT32 -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = b.getInt(4 * i);
                }
            }
            case kINT64 -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = b.getLong(8 * i);
                }
            }
            case kINT8 -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = b.get(i);
                }
            }
            case kUINT8, kBOOL -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = b.get(i) & 0xff;
                }
            }
            default -> throw new IllegalArgumentException("engine output type " + onnxName(type) + " cannot be read as float");
        }
        return out;
    }

    /** IEEE-754 binary16 to float. */
    static float halfToFloat(short h) {
        return Half.toFloat(h);
    }
}
