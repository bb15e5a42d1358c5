package dev.trtpipe.darknet;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * A float32 array of a weights file, as a little-endian view of the loaded bytes: no copy is made, so a
 * converter can hand the bytes to ONNX {@code raw_data} as they are. While the file is still being read
 * ({@link DarknetWeights#load}) the value accessors wait for it; {@link #pendingBytes()} waits only until
 * its layer's array exists.
 */
public final class FloatArray {

    private final WeightsLoad.Piece piece;
    private final int byteOffset;
    private final int length;
    private final long fileOffset;
    /** The read filling {@link #piece}; null when it is complete from the start. */
    private final WeightsLoad load;

    FloatArray(WeightsLoad.Piece piece, int byteOffset, int length, long fileOffset, WeightsLoad load) {
        this.piece = piece;
        this.byteOffset = byteOffset;
        this.length = length;
        this.fileOffset = fileOffset;
        this.load = load;
    }

    /** An array of zeros, standing in for a layer missing from a partial weights file. */
    static FloatArray zeros(int length) {
        return new FloatArray(WeightsLoad.Piece.of(ByteBuffer.allocate(4 * length)), 0, length, -1, null);
    }

    public int length() {
        return length;
    }

    public float get(int i) {
        awaitLoaded();
        return piece.array().getFloat(byteOffset + 4 * Objects.checkIndex(i, length));
    }

    /**
     * The values as little-endian float32 bytes, positioned at 0: a view of the weights file's bytes,
     * heap-backed so that protobuf can wrap it without copying. Treat it as read-only.
     */
    public ByteBuffer bytes() {
        awaitLoaded();
        return pendingBytes();
    }

    /**
     * The same view as {@link #bytes()} without waiting for the read (only for the array to be allocated):
     * for a writer that wraps it now and reads it only after {@link DarknetWeights#awaitLoaded()} returned
     * (which also makes the read's writes visible to it). Its content is unspecified before then.
     */
    public ByteBuffer pendingBytes() {
        return piece.array().slice(byteOffset, 4 * length).order(ByteOrder.LITTLE_ENDIAN);
    }

    public float[] toArray() {
        float[] out = new float[length()];
        bytes().asFloatBuffer().get(out);
        return out;
    }

    private void awaitLoaded() {
        if (load != null) {
            load.awaitUnchecked();
        }
    }

    /** Byte offset in the weights file, or −1 for a zero-filled stand-in. */
    public long fileOffset() {
        return fileOffset;
    }
}
