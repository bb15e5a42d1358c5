package dev.trtpipe.detect.preprocess;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Where an {@link RgbImage}'s planes are kept when it is made (decoded, converted, copied). The Java heap
 * by default; a backend that copies images to a device supplies page-locked memory instead (TensorRT with
 * GPU preprocessing), so that the device reads the planes by DMA from where the image was made rather
 * than from a staging buffer the planes are first copied into — a copy that costs host memory bandwidth
 * on every image.
 *
 * <p>Ownership: the image made in a {@link Block} owns it and gives it back with {@link RgbImage#close()};
 * whoever made the image closes it once nothing reads it any more.
 */
public interface PixelMemory {

    /** Plain byte arrays on the Java heap; nothing to give back. */
    PixelMemory HEAP = new PixelMemory() {
        @Override
        public Block allocate(int bytes) {
            return new Block(ByteBuffer.allocate(bytes), false, () -> { });
        }

        @Override
        public String toString() {
            return "heap";
        }
    };

    /**
     * Memory for one image: a buffer of exactly {@code bytes} bytes, position 0, contents undefined.
     *
     * @throws RuntimeException the memory cannot be had (e.g. {@code cudaMallocHost} failed)
     */
    Block allocate(int bytes);

    /**
     * One image's memory.
     *
     * @param buffer     {@code capacity == limit ==} the bytes asked for, position 0
     * @param pageLocked whether a device can copy straight from it by DMA (pinned host memory)
     * @param release    gives the memory back; run once, by the image that holds it, when it is closed
     */
    record Block(ByteBuffer buffer, boolean pageLocked, Runnable release) {
        public Block {
            Objects.requireNonNull(buffer, "buffer");
            Objects.requireNonNull(release, "release");
        }
    }
}
