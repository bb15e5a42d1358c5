package dev.trtpipe.uff;

import dev.trtpipe.onnx.OnnxGraph;
import dev.trtpipe.onnx.proto.Onnx.TensorProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The state shared by translators while one graph is translated: the ONNX graph being built, each UFF
 * tensor's shape (batch as -1), and the notes to show the user. UFF constants become ONNX initializers
 * only when a translator asks for them as tensors: a shape or permutation constant read as values never
 * appears in the ONNX graph.
 */
public final class UffTranslation {

    /** Dimension value standing for the symbolic batch. */
    public static final long BATCH = -1;

    private final UffGraph uff;
    private final OnnxGraph onnx;
    private final Map<String, long[]> shapes = new HashMap<>();
    private final Set<String> emitted = new java.util.HashSet<>();
    private final Set<String> notes = new LinkedHashSet<>();
    private final Map<String, String> aliases = new HashMap<>();
    /** Element types other than float32 (plugin outputs TensorRT gives as INT32); absent means FLOAT. */
    private final Map<String, TensorProto.DataType> types = new HashMap<>();
    private final UffTranslationOptions options;
    private int scratch;

    UffTranslation(UffGraph uff, OnnxGraph onnx, UffTranslationOptions options) {
        this.uff = uff;
        this.onnx = onnx;
        this.options = options;
    }

    public UffTranslationOptions options() {
        return options;
    }

    /** Makes later reads of UFF tensor {@code uffName} read ONNX tensor {@code onnxName} (e.g. an NHWC input's transpose). */
    public void alias(String uffName, String onnxName) {
        aliases.put(uffName, onnxName);
    }

    public OnnxGraph onnx() {
        return onnx;
    }

    public UffGraph uff() {
        return uff;
    }

    /** The ONNX tensor for UFF tensor {@code name}, making a constant an initializer on first use. */
    public String tensor(String name) {
        String alias = aliases.isEmpty() ? null : aliases.get(name); // aliases are rare: no hashing for each read
        if (alias != null) {
            return alias;
        }
        UffConstant k = uff.constantOrNull(name);
        if (k != null && emitted.add(name)) {
            if (k.isFloat()) {
                if (k.dtype() == dev.trtpipe.uff.proto.Uff.DataType.DT_FLOAT32) {
                    onnx.addRawInitializer(name, k.shape(), TensorProto.DataType.FLOAT, k.raw());
                } else {
                    onnx.addInitializer(name, k.shape(), k.floats());
                }
            } else {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 * (int) k.elementCount()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                b.asLongBuffer().put(k.longs());
                onnx.addRawInitializer(name, k.shape(), TensorProto.DataType.INT64, com.google.protobuf.ByteString.copyFrom(b.array()));
            }
            shapes.put(name, k.shape());
        }
        if (!onnx.hasTensor(name)) {
            throw new IllegalStateException(name + " is read before it is defined");
        }
        return name;
    }

    /** The constant behind a UFF tensor, if it is one (translators read shapes, axes and pads this way). */
    public Optional<UffConstant> constant(String name) {
        return uff.constant(name);
    }

    /** A constant input the op cannot do without (e.g. a Reshape's shape). */
    public UffConstant requireConstant(UffNode node, int input) {
        return uff.constant(node.input(input)).orElseThrow(() -> node.problem("input " + input + " ('" + node.input(input)
                + "') must be a constant; computed values are not supported there"));
    }

    /** The shape of a UFF tensor (batch = {@link #BATCH}); null when unknown (plugin outputs). */
    public long[] shape(String name) {
        name = aliases.isEmpty() ? name : aliases.getOrDefault(name, name);
        UffConstant c = uff.constantOrNull(name);
        return c != null ? c.shape() : shapes.get(name);
    }

    public int rank(UffNode node, String name) {
        long[] s = shape(name);
        if (s == null) {
            throw node.problem("needs the rank of '" + name + "', which is unknown (produced by a plugin)");
        }
        return s.length;
    }

    /** Records the shape of a tensor a translator produced. */
    public void define(String name, long[] shape) {
        shapes.put(name, shape == null ? null : shape.clone());
    }

    /** Records that a tensor a translator produced is not float32 (e.g. a plugin's INT32 count output). */
    public void defineType(String name, TensorProto.DataType type) {
        types.put(name, type);
    }

    /** The element type of a produced tensor: FLOAT unless a translator said otherwise. */
    public TensorProto.DataType type(String name) {
        return types.getOrDefault(aliases.getOrDefault(name, name), TensorProto.DataType.FLOAT);
    }

    /** A fresh name for an intermediate tensor of {@code node}. */
    public String scratch(UffNode node, String what) {
        return node.id() + "/" + what + "_" + (scratch++);
    }

    public void note(String note) {
        notes.add(note);
    }

    public List<String> notes() {
        return new ArrayList<>(notes);
    }

    /** Numpy broadcasting of two shapes (UFF Binary ops follow it). */
    public static long[] broadcast(long[] a, long[] b) {
        if (a == null || b == null) {
            return null;
        }
        int rank = Math.max(a.length, b.length);
        long[] out = new long[rank];
        for (int i = 0; i < rank; i++) {
            long x = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            long y = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            out[i] = x == 1 ? y : (y == 1 ? x : (x == BATCH || y == BATCH ? BATCH : Math.max(x, y)));
        }
        return out;
    }

    static String text(long[] shape) {
        return shape == null ? "?" : Arrays.toString(shape).replace(String.valueOf(BATCH), "N");
    }
}
