package dev.trtpipe.darknet;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A float32 array of a weights file, as a little-endian view of the loaded file: no copy is made, so a
 * converter can hand {@link #bytes()} to ONNX {@code raw_data} as it is.
 */
public final class FloatArray {

    private final ByteBuffer bytes;
    private final long fileOffset;

    FloatArray(ByteBuffer bytes, long fileOffset) {
        this.bytes = bytes.order(ByteOrder.LITTLE_ENDIAN);
        this.fileOffset = fileOffset;
    }

    /** An array of zeros, standing in for a layer missing from a partial weights file. */
    static FloatArray zeros(int length) {
        return new FloatArray(ByteBuffer.allocate(4 * length), -1);
    }

    public int length() {
        return bytes.capacity() / 4;
    }

    public float get(int i) {
        return bytes.getFloat(4 * i);
    }

    /**
     * The values as little-endian float32 bytes, positioned at 0: a view of the weights file's bytes,
     * heap-backed so that protobuf can wrap it without copying. Treat it as read-only.
     */
    public ByteBuffer bytes() {
        return bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    public float[] toArray() {
        float[] out = new float[length()];
        bytes().asFloatBuffer().get(out);
        return out;
    }

    /** Byte offset in the weights file, or −1 for a zero-filled stand-in. */
    public long fileOffset() {
        return fileOffset;
    }
}
