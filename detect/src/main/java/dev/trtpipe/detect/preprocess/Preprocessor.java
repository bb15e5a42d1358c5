package dev.trtpipe.detect.preprocess;

import java.util.Arrays;
import java.util.List;

/**
 * darknet's input preparation for one network size: {@code resize_image} (stretch) or
 * {@code letterbox_image} (keep aspect, centre on 0.5 grey), as planar RGB float in [0, 1] — no mean,
 * no std. Bit-exact with darknet for the same decoded pixels. Stateless and thread-safe.
 */
public final class Preprocessor {

    /** The letterbox canvas value. */
    public static final float LETTERBOX_FILL = 0.5f;

    private final int netWidth;
    private final int netHeight;
    private final boolean letterbox;

    public Preprocessor(int netWidth, int netHeight, boolean letterbox) {
        if (netWidth <= 0 || netHeight <= 0) {
            throw new IllegalArgumentException("network input size must be positive, got " + netWidth + "x" + netHeight);
        }
        this.netWidth = netWidth;
        this.netHeight = netHeight;
        this.letterbox = letterbox;
    }

    public int netWidth() {
        return netWidth;
    }

    public int netHeight() {
        return netHeight;
    }

    public boolean letterbox() {
        return letterbox;
    }

    /** Floats per image: 3 · netHeight · netWidth. */
    public int tensorSize() {
        return 3 * netWidth * netHeight;
    }

    public ImagePlacement placement(int imageWidth, int imageHeight) {
        return ImagePlacement.of(imageWidth, imageHeight, netWidth, netHeight, letterbox);
    }

    /** One image as a CHW tensor (3, netHeight, netWidth). */
    public float[] toTensor(RgbImage image) {
        float[] out = new float[tensorSize()];
        write(image, out, 0);
        return out;
    }

    /**
     * Writes one image's CHW tensor into {@code dst} at {@code offset} (item i of an NCHW batch is at
     * {@code i · tensorSize()}).
     *
     * @return where the image lies in the input, for mapping boxes back
     */
    public ImagePlacement write(RgbImage image, float[] dst, int offset) {
        ImagePlacement p = placement(image.width(), image.height());
        if (p.letterbox()) {
            fillBorder(dst, offset, p);
        }
        DarknetResize.resizeInto(image, p.scaledWidth(), p.scaledHeight(), dst, offset, netWidth, netHeight,
                p.offsetX(), p.offsetY());
        return p;
    }

    /**
     * An NCHW batch of {@code batchSize} items: the images first, zeros after them (for models with a
     * fixed batch larger than the number of images).
     */
    public float[] toBatch(List<RgbImage> images, int batchSize) {
        if (images.size() > batchSize) {
            throw new IllegalArgumentException(images.size() + " images do not fit a batch of " + batchSize);
        }
        float[] batch = new float[batchSize * tensorSize()];
        for (int i = 0; i < images.size(); i++) {
            write(images.get(i), batch, i * tensorSize());
        }
        return batch;
    }

    /** The grey canvas around a letterboxed image (only the border: the image overwrites the rest). */
    private void fillBorder(float[] dst, int offset, ImagePlacement p) {
        int left = p.offsetX();
        int right = left + p.scaledWidth();
        int top = p.offsetY();
        int bottom = top + p.scaledHeight();
        for (int c = 0; c < 3; c++) {
            int plane = offset + c * netWidth * netHeight;
            Arrays.fill(dst, plane, plane + top * netWidth, LETTERBOX_FILL);
            Arrays.fill(dst, plane + bottom * netWidth, plane + netHeight * netWidth, LETTERBOX_FILL);
            for (int y = top; y < bottom; y++) {
                int row = plane + y * netWidth;
                Arrays.fill(dst, row, row + left, LETTERBOX_FILL);
                Arrays.fill(dst, row + right, row + netWidth, LETTERBOX_FILL);
            }
        }
    }
}
