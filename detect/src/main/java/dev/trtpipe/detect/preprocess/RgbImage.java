package dev.trtpipe.detect.preprocess;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * An 8-bit RGB image stored as three planes (R, G, B), each row-major — the layout darknet's
 * {@code image} struct has, so resizing walks contiguous rows of one channel.
 *
 * <p>Immutable: the planes are copied in and never handed out; the resizer in this package reads
 * them directly. The one exception is {@link #wrap}, for callers that recycle frame buffers and
 * promise to leave them alone while the image is in use.
 */
public final class RgbImage {

    private final int width;
    private final int height;
    private final byte[] planes;

    /**
     * @param planes {@code 3 · width · height} bytes: the R plane, then G, then B (copied)
     */
    public static RgbImage ofPlanes(int width, int height, byte[] planes) {
        return new RgbImage(width, height, Objects.requireNonNull(planes, "planes").clone());
    }

    /**
     * Like {@link #ofPlanes} without the copy: the image reads {@code planes} itself, so the caller must not
     * change them while the image is in use. For a video pipeline, where a copy of every 1080p frame (6 MB) on
     * top of decoding and converting it costs frames per second.
     */
    public static RgbImage wrap(int width, int height, byte[] planes) {
        return new RgbImage(width, height, Objects.requireNonNull(planes, "planes"));
    }

    /** Takes ownership of {@code planes}; only for this package's loaders. */
    RgbImage(int width, int height, byte[] planes) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (planes.length != 3L * width * height) {
            throw new IllegalArgumentException("expected " + 3L * width * height + " bytes for a "
                    + width + "x" + height + " RGB image, got " + planes.length);
        }
        this.width = width;
        this.height = height;
        this.planes = planes;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Sample of channel {@code c} (0 = R, 1 = G, 2 = B) at column x, row y, 0–255. */
    public int sample(int c, int x, int y) {
        Objects.checkIndex(x, width);
        Objects.checkIndex(y, height);
        return planes[Objects.checkIndex(c, 3) * width * height + y * width + x] & 0xFF;
    }

    /**
     * Puts the R, G and B planes ({@code 3 · width · height} bytes, each row-major) into {@code dst} at its
     * position, advancing it: how the raw image reaches a device buffer (e.g. pinned memory for the GPU resize).
     *
     * @throws java.nio.BufferOverflowException {@code dst} has less room
     */
    public void copyPlanesTo(ByteBuffer dst) {
        dst.put(planes);
    }

    /** The planes, for the resizer: callers in this package must not modify them. */
    byte[] planes() {
        return planes;
    }

    /** A new {@code TYPE_3BYTE_BGR} copy, for drawing on and saving. */
    public BufferedImage toBufferedImage() {
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
}
