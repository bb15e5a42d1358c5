package dev.trtpipe.trt.check;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The element types {@code check} feeds and compares, with their ONNX spelling (as {@link dev.trtpipe.detect.TensorInfo}
 * carries it), their numpy {@code descr} (little-endian) and size in bytes.
 */
public enum ElementType {
    FLOAT("float", "f4", 4),
    FLOAT16("float16", "f2", 2),
    DOUBLE("double", "f8", 8),
    INT8("int8", "i1", 1),
    UINT8("uint8", "u1", 1),
    INT32("int32", "i4", 4),
    INT64("int64", "i8", 8),
    BOOL("bool", "b1", 1);

    private final String onnxName;
    private final String numpyCode;
    private final int size;

    ElementType(String onnxName, String numpyCode, int size) {
        this.onnxName = onnxName;
        this.numpyCode = numpyCode;
        this.size = size;
    }

    public String onnxName() {
        return onnxName;
    }

    /** The numpy type code without byte order, e.g. {@code f4}. */
    public String numpyCode() {
        return numpyCode;
    }

    public int size() {
        return size;
    }

    public boolean isFloatingPoint() {
        return this == FLOAT || this == FLOAT16 || this == DOUBLE;
    }

    /** @throws IllegalArgumentException for a type check cannot feed or read (strings, bfloat16, …) */
    public static ElementType fromOnnxName(String name, String what) {
        return Arrays.stream(values()).filter(t -> t.onnxName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(what + " has element type " + name + "; check handles "
                        + Arrays.stream(values()).map(ElementType::onnxName).toList()));
    }

    static Optional<ElementType> fromNumpyCode(String code) {
        return Arrays.stream(values()).filter(t -> t.numpyCode.equals(code.toLowerCase(Locale.ROOT))).findFirst();
    }
}
