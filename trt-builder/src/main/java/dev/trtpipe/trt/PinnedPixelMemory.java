package dev.trtpipe.trt;

import dev.trtpipe.detect.preprocess.PixelMemory;
import java.nio.ByteBuffer;

/**
 * Page-locked host memory ({@code cudaMallocHost}) for images: each block is one {@link PinnedBuffer},
 * freed when given back. Wrapped in a {@link dev.trtpipe.detect.preprocess.RecyclingPixelMemory} by
 * {@link NativeEngine#pixelMemory()}, because allocating and freeing pinned memory is slow
 * ({@code cudaFreeHost} may wait for the device).
 */
final class PinnedPixelMemory implements PixelMemory {

    static final PinnedPixelMemory INSTANCE = new PinnedPixelMemory();

    private PinnedPixelMemory() {
    }

    @Override
    public Block allocate(int bytes) {
        PinnedBuffer pinned = new PinnedBuffer(bytes);
        try {
            ByteBuffer buffer = pinned.asBytes().capacity(bytes).asByteBuffer();
            return new Block(buffer, true, pinned::close);
        } catch (RuntimeException e) {
            pinned.close();
            throw e;
        }
    }

    @Override
    public String toString() {
        return "pinned memory";
    }
}
