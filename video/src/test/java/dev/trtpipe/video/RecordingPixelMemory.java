package dev.trtpipe.video;

import dev.trtpipe.detect.preprocess.PixelMemory;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.javacpp.BytePointer;

/**
 * A pixel memory for tests that records its allocations and give-backs (a second give-back of one block is an
 * error) and fills every block with 0x5A, so an image reading bytes nobody wrote shows. Its blocks are heap
 * arrays, or direct buffers standing in for pinned memory, starting at an address {@code misalignment} bytes
 * past a multiple of 64 (0: aligned, as {@code cudaMallocHost}'s page-aligned blocks are).
 */
final class RecordingPixelMemory implements PixelMemory {

    private final boolean direct;
    private final int misalignment;
    private final AtomicInteger allocated = new AtomicInteger();
    private final AtomicInteger released = new AtomicInteger();

    private RecordingPixelMemory(boolean direct, int misalignment) {
        this.direct = direct;
        this.misalignment = misalignment;
    }

    static RecordingPixelMemory heap() {
        return new RecordingPixelMemory(false, 0);
    }

    static RecordingPixelMemory direct(int misalignment) {
        return new RecordingPixelMemory(true, misalignment);
    }

    @Override
    public Block allocate(int bytes) {
        ByteBuffer buffer;
        if (direct) {
            ByteBuffer raw = ByteBuffer.allocateDirect(bytes + 128);
            long address = new BytePointer(raw).address();
            int start = (int) ((64 - address % 64) % 64) + misalignment;
            buffer = raw.position(start).limit(start + bytes).slice();
            for (int i = 0; i < bytes; i++) {
                buffer.put(i, (byte) 0x5A);
            }
        } else {
            byte[] array = new byte[bytes];
            Arrays.fill(array, (byte) 0x5A);
            buffer = ByteBuffer.wrap(array);
        }
        allocated.incrementAndGet();
        AtomicInteger givenBack = new AtomicInteger();
        return new Block(buffer, direct, () -> {
            if (givenBack.incrementAndGet() != 1) {
                throw new AssertionError("a block was given back twice");
            }
            released.incrementAndGet();
        });
    }

    /** Whether its blocks stand in for pinned memory. */
    boolean pageLocked() {
        return direct;
    }

    int allocated() {
        return allocated.get();
    }

    int released() {
        return released.get();
    }
}
