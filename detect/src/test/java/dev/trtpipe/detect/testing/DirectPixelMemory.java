package dev.trtpipe.detect.testing;

import dev.trtpipe.detect.preprocess.PixelMemory;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Off-heap memory standing in for pinned memory in tests without a GPU: direct buffers, reported as
 * page-locked, each block's give-back counted, a second give-back of one block an error, and every block
 * filled with 0x5A first so that an image reading bytes it did not write shows.
 */
public final class DirectPixelMemory implements PixelMemory {

    private final AtomicInteger allocated = new AtomicInteger();
    private final AtomicInteger released = new AtomicInteger();

    @Override
    public Block allocate(int bytes) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(bytes);
        for (int i = 0; i < bytes; i++) {
            buffer.put(i, (byte) 0x5A);
        }
        allocated.incrementAndGet();
        AtomicInteger givenBack = new AtomicInteger();
        return new Block(buffer, true, () -> {
            if (givenBack.incrementAndGet() != 1) {
                throw new AssertionError("a block was given back twice");
            }
            released.incrementAndGet();
        });
    }

    public int allocated() {
        return allocated.get();
    }

    /** Blocks allocated and not given back. */
    public int outstanding() {
        return allocated.get() - released.get();
    }
}
