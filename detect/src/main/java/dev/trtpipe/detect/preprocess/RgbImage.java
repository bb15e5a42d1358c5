package dev.trtpipe.detect.preprocess;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * An 8-bit RGB image stored as three planes (R, G, B), each row-major — the layout darknet's
 * {@code image} struct has, so resizing walks contiguous rows of one channel.
 *
 * <p>Immutable: the planes are copied in and never handed out writable; the resizer in this package reads
 * them directly. The one exception is {@link #wrap}, for callers that recycle frame buffers and
 * promise to leave them alone while the image is in use; {@link #writtenIn} lets its caller write the planes
 * once, before the image exists.
 *
 * <p>The planes are a byte array on the heap, or a block of a {@link PixelMemory} (e.g. pinned memory a
 * GPU copies from directly). An image made in a {@link PixelMemory} other than the heap owns its block:
 * {@link #close()} gives it back, after which the pixels must not be read (width and height still may).
 * Closing a heap image does nothing, so code that closes every image it made works with either.
 */
public final class RgbImage implements AutoCloseable {

    private final int width;
    private final int height;
    /** The planes for heap images; null for an image in a {@link PixelMemory} block. */
    private final byte[] array;
    /** The planes for an image in a block: exactly {@code 3 · width · height} bytes; null for heap images. */
    private final PixelMemory.Block block;
    private final AtomicBoolean released = new AtomicBoolean();
    /** A heap copy of a block's planes, made the first time a CPU kernel reads them. */
    private volatile byte[] heapCopy;

    /**
     * @param planes {@code 3 · width · height} bytes: the R plane, then G, then B (copied)
     */
    public static RgbImage ofPlanes(int width, int height, byte[] planes) {
        return new RgbImage(width, height, Objects.requireNonNull(planes, "planes").clone());
    }

    /**
     * Like {@link #ofPlanes}, with the copy made in {@code memory}; close the image to give the memory back.
     */
    public static RgbImage ofPlanes(int width, int height, byte[] planes, PixelMemory memory) {
        Objects.requireNonNull(planes, "planes");
        return memory == PixelMemory.HEAP ? ofPlanes(width, height, planes) : inMemory(width, height, planes, memory);
    }

    /**
     * Like {@link #ofPlanes} without the copy: the image reads {@code planes} itself, so the caller must not
     * change them while the image is in use. For a video pipeline, where a copy of every 1080p frame (6 MB) on
     * top of decoding and converting it costs frames per second.
     */
    public static RgbImage wrap(int width, int height, byte[] planes) {
        return new RgbImage(width, height, Objects.requireNonNull(planes, "planes"));
    }

    /**
     * An image whose planes {@code fill} writes in place, in a block of {@code memory}: no copy between where the
     * pixels are made and where the detector reads them (a video frame converted by swscale straight into pinned
     * memory the GPU copies from). {@code fill} gets the block's writable buffer, {@code 3 · width · height}
     * bytes at position 0, and must write all of them (R plane, then G, then B). Close the image to give the
     * memory back; if {@code fill} throws, the block is given back and the exception passed on.
     */
    public static RgbImage writtenIn(PixelMemory memory, int width, int height, Consumer<ByteBuffer> fill) {
        checkSize(width, height, 3L * width * height);
        PixelMemory.Block block = memory.allocate(Math.multiplyExact(3, Math.multiplyExact(width, height)));
        try {
            fill.accept(block.buffer().duplicate().clear());
            return new RgbImage(width, height, block);
        } catch (RuntimeException e) {
            block.release().run();
            throw e;
        }
    }

    /** Takes ownership of {@code planes}; only for this package's loaders. */
    RgbImage(int width, int height, byte[] planes) {
        checkSize(width, height, planes.length);
        this.width = width;
        this.height = height;
        this.array = planes;
        this.block = null;
    }

    private RgbImage(int width, int height, PixelMemory.Block block) {
        checkSize(width, height, block.buffer().capacity());
        this.width = width;
        this.height = height;
        this.array = null;
        this.block = block;
    }

    /**
     * An image of freshly converted planes, kept in {@code memory}: the array itself for the heap, else a copy
     * into a block of it (the array is then garbage). For this package's loaders.
     */
    static RgbImage inMemory(int width, int height, byte[] planes, PixelMemory memory) {
        if (memory == PixelMemory.HEAP) {
            return new RgbImage(width, height, planes);
        }
        checkSize(width, height, planes.length);
        PixelMemory.Block block = memory.allocate(planes.length);
        try {
            block.buffer().duplicate().clear().put(planes);
            return new RgbImage(width, height, block);
        } catch (RuntimeException e) {
            block.release().run();
            throw e;
        }
    }

    private static void checkSize(int width, int height, long bytes) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (bytes != 3L * width * height) {
            throw new IllegalArgumentException("expected " + 3L * width * height + " bytes for a "
                    + width + "x" + height + " RGB image, got " + bytes);
        }
    }

    /** A copy of this image in {@code memory} (close it to give the memory back). */
    public RgbImage copyIn(PixelMemory memory) {
        if (memory == PixelMemory.HEAP) {
            return new RgbImage(width, height, planes().clone());
        }
        PixelMemory.Block copy = memory.allocate(3 * width * height);
        try {
            copyPlanesTo(copy.buffer().duplicate().clear());
            return new RgbImage(width, height, copy);
        } catch (RuntimeException e) {
            copy.release().run();
            throw e;
        }
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Whether a device can copy the planes straight from where they are, by DMA (see {@link #planesView()}). */
    public boolean pageLocked() {
        return block != null && block.pageLocked();
    }

    /**
     * The planes ({@code 3 · width · height} bytes, R then G then B), read-only, position 0: direct when the
     * image lives in a {@link PixelMemory} block, so a device copy can start from its address.
     *
     * @throws IllegalStateException the image was closed and its memory given back
     */
    public ByteBuffer planesView() {
        return live().asReadOnlyBuffer().clear();
    }

    /** Sample of channel {@code c} (0 = R, 1 = G, 2 = B) at column x, row y, 0–255. */
    public int sample(int c, int x, int y) {
        Objects.checkIndex(x, width);
        Objects.checkIndex(y, height);
        int index = Objects.checkIndex(c, 3) * width * height + y * width + x;
        return (array != null ? array[index] : live().get(index)) & 0xFF;
    }

    /**
     * Puts the R, G and B planes ({@code 3 · width · height} bytes, each row-major) into {@code dst} at its
     * position, advancing it: how the raw image reaches a device buffer (e.g. pinned memory for the GPU resize).
     *
     * @throws java.nio.BufferOverflowException {@code dst} has less room
     */
    public void copyPlanesTo(ByteBuffer dst) {
        if (array != null) {
            dst.put(array);
        } else {
            dst.put(live().duplicate().clear());
        }
    }

    /**
     * The planes, for the resizer: callers in this package must not modify them. An image in a block is
     * copied to the heap once for this (the CPU kernels read arrays); images meant for the CPU kernels are
     * made on the heap, so that copy is the exception.
     */
    byte[] planes() {
        if (array != null) {
            return array;
        }
        // a block of heap memory (recycled heap arrays, e.g. a video pipeline's frames on the CPU path) is read in
        // place: a heap copy of it would be a second 6 MB array for every 1080p frame
        ByteBuffer buffer = live();
        if (buffer.hasArray() && buffer.arrayOffset() == 0 && buffer.array().length == buffer.capacity()) {
            return buffer.array();
        }
        return heapPlanes();
    }

    private byte[] heapPlanes() {
        byte[] copy = heapCopy;
        if (copy == null) {
            copy = new byte[3 * width * height];
            live().duplicate().clear().get(copy);
            heapCopy = copy;
        }
        return copy;
    }

    private ByteBuffer live() {
        if (released.get()) {
            throw new IllegalStateException("the " + width + "x" + height + " image was closed: its pixels were given back to "
                    + "the memory it was made in; keep it open while it is read, or copy it to the heap (copyIn(PixelMemory.HEAP))");
        }
        return block != null ? block.buffer() : ByteBuffer.wrap(array);
    }

    /** A new {@code TYPE_3BYTE_BGR} copy, for drawing on and saving. */
    public BufferedImage toBufferedImage() {
        byte[] planes = planes();
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        int plane = width * height;
        for (int i = 0; i < plane; i++) {
            bgr[3 * i] = planes[2 * plane + i];
            bgr[3 * i + 1] = planes[plane + i];
            bgr[3 * i + 2] = planes[i];
        }
        return out;
    }

    /**
     * Gives the planes back to the {@link PixelMemory} they were made in (once; later calls do nothing). Does
     * nothing for a heap image.
     */
    @Override
    public void close() {
        if (block != null && released.compareAndSet(false, true)) {
            heapCopy = null;
            block.release().run();
        }
    }
}
