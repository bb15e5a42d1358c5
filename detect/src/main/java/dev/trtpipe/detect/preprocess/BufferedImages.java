package dev.trtpipe.detect.preprocess;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * Images already in memory, for callers that decode (or draw) their own: the same colour rules as
 * {@link ImageLoader} (see {@link RgbConversion}), so a picture detects the same whether it comes as a
 * file or as a {@link BufferedImage} decoded the same way.
 */
public final class BufferedImages {

    private BufferedImages() {
    }

    /**
     * The image's pixels as darknet's RGB planes (copied).
     *
     * @throws IllegalArgumentException a colour space other than RGB or grey (CMYK, …), named
     */
    public static RgbImage toRgb(BufferedImage image) {
        return toRgb(image, PixelMemory.HEAP);
    }

    /**
     * Like {@link #toRgb(BufferedImage)}, with the planes kept in {@code memory} (close the image to give them
     * back).
     */
    public static RgbImage toRgb(BufferedImage image, PixelMemory memory) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(memory, "memory");
        try {
            return RgbImage.inMemory(image.getWidth(), image.getHeight(), RgbConversion.toPlanes(image), memory);
        } catch (UnsupportedOperationException e) {
            throw new IllegalArgumentException("the image is " + e.getMessage() + "; trtpipe detects on RGB and grey images", e);
        }
    }
}
