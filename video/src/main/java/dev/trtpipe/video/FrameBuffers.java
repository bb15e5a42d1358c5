package dev.trtpipe.video;

import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Recycled RGB frame buffers. A 1080p frame is 6 MB: allocated per frame, each is a humongous object for
 * G1, zeroed and then overwritten, hundreds of times a second. The pool itself is unbounded; what bounds it
 * is its user, which has at most a fixed number of frames in flight (a {@link FramePipeline} run: its queue
 * and its workers), so it never holds more buffers than that. Buffers of another size (a stream that
 * changed resolution) are dropped. Thread-safe.
 */
final class FrameBuffers {

    private final ConcurrentLinkedQueue<byte[]> free = new ConcurrentLinkedQueue<>();

    /** A buffer of {@code size} bytes, with whatever a previous frame left in it. */
    byte[] take(int size) {
        for (byte[] b = free.poll(); b != null; b = free.poll()) {
            if (b.length == size) {
                return b;
            }
        }
        return new byte[size];
    }

    /** Hands a buffer back once nothing reads it any more. */
    void give(byte[] buffer) {
        if (buffer != null) {
            free.add(buffer);
        }
    }

    /** Buffers waiting to be reused (for tests). */
    int idle() {
        return free.size();
    }
}
