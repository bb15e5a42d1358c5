package dev.trtpipe.darknet;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The header of a {@code .weights} file: version {@code major.minor.revision} and the training counter
 * {@code seen}, which is 64-bit (20-byte header) when {@code major·10 + minor ≥ 2}, else 32-bit
 * (16 bytes) — the version rule both forks use, never a file-name heuristic (darknet.md §1.1).
 */
public record WeightsHeader(int major, int minor, int revision, long seen) {

    public static final int SHORT_LENGTH = 16;
    public static final int LONG_LENGTH = 20;

    /** Bytes before the float payload. */
    public int length() {
        return hasLongSeen(major, minor) ? LONG_LENGTH : SHORT_LENGTH;
    }

    /** {@code [connected]} matrices stored {@code [inputs][outputs]} (only files with a version field above 1000). */
    public boolean transpose() {
        return major > 1000 || minor > 1000;
    }

    public String version() {
        return major + "." + minor + "." + revision;
    }

    static boolean hasLongSeen(int major, int minor) {
        return major * 10 + minor >= 2;
    }

    /** Reads the header at the start of {@code file}, or fails naming the file if it is too short. */
    static WeightsHeader read(ByteBuffer file, String fileName) {
        ByteBuffer b = file.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < 12) {
            throw new DarknetFormatException(fileName + " is " + b.remaining()
                    + " bytes, too short for a darknet weights header (16 or 20 bytes)");
        }
        int major = b.getInt(0);
        int minor = b.getInt(4);
        int revision = b.getInt(8);
        int length = hasLongSeen(major, minor) ? LONG_LENGTH : SHORT_LENGTH;
        if (b.remaining() < length) {
            throw new DarknetFormatException(fileName + " is " + b.remaining() + " bytes, shorter than its "
                    + length + "-byte header (version " + major + "." + minor + "." + revision + ")");
        }
        long seen = length == LONG_LENGTH ? b.getLong(12) : Integer.toUnsignedLong(b.getInt(12));
        return new WeightsHeader(major, minor, revision, seen);
    }
}
