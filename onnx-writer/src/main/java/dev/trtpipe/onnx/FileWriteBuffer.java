package dev.trtpipe.onnx;

import java.nio.ByteBuffer;

/**
 * One direct buffer per thread for models that are encoded whole and then written to a file with one call.
 * A heap array would be zeroed on allocation (≈ 0.1 ms a MB here), and the JDK copies every heap buffer it
 * writes into a direct buffer of its own anyway, which it keeps per thread for the next write; encoding into
 * a kept direct buffer skips both, and keeps about as much memory as that JDK cache would.
 */
final class FileWriteBuffer {

    private static final ThreadLocal<ByteBuffer> KEPT = new ThreadLocal<>();

    private FileWriteBuffer() {
    }

    /** This thread's buffer, cleared, with a limit of {@code size} bytes (grown when too small). */
    static ByteBuffer ofSize(int size) {
        ByteBuffer b = KEPT.get();
        if (b == null || b.capacity() < size) {
            b = ByteBuffer.allocateDirect(size);
            KEPT.set(b);
        }
        b.clear().limit(size);
        return b;
    }
}
