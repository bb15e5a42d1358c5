package dev.trtpipe.detect.preprocess;

/**
 * Where an image lands in the network input: stretched over the whole input ({@code resize_image}) or
 * scaled to {@code scaledWidth × scaledHeight} and centred on a grey canvas ({@code letterbox_image}).
 * The postprocessor uses the same numbers to map boxes back to the original image.
 */
public record ImagePlacement(int imageWidth, int imageHeight, int netWidth, int netHeight,
                             boolean letterbox, int scaledWidth, int scaledHeight) {

    public ImagePlacement {
        if (imageWidth <= 0 || imageHeight <= 0 || netWidth <= 0 || netHeight <= 0
                || scaledWidth <= 0 || scaledHeight <= 0 || scaledWidth > netWidth || scaledHeight > netHeight) {
            throw new IllegalArgumentException("bad placement of a " + imageWidth + "x" + imageHeight + " image as "
                    + scaledWidth + "x" + scaledHeight + " in a " + netWidth + "x" + netHeight + " input");
        }
    }

    /** darknet's placement: plain resize or letterbox. */
    public static ImagePlacement of(int imageWidth, int imageHeight, int netWidth, int netHeight, boolean letterbox) {
        return letterbox ? letterbox(imageWidth, imageHeight, netWidth, netHeight)
                : new ImagePlacement(imageWidth, imageHeight, netWidth, netHeight, false, netWidth, netHeight);
    }

    /**
     * {@code letterbox_image}'s size rule: the comparison in float, the sizes by integer division. A side
     * that would round to 0 pixels (aspect ratios beyond the input size) is kept at 1.
     */
    public static ImagePlacement letterbox(int imageWidth, int imageHeight, int netWidth, int netHeight) {
        int w;
        int h;
        if ((float) netWidth / imageWidth < (float) netHeight / imageHeight) {
            w = netWidth;
            h = (int) ((long) imageHeight * netWidth / imageWidth);
        } else {
            h = netHeight;
            w = (int) ((long) imageWidth * netHeight / imageHeight);
        }
        return new ImagePlacement(imageWidth, imageHeight, netWidth, netHeight, true, Math.max(w, 1), Math.max(h, 1));
    }

    /** Left edge of the scaled image in the input. */
    public int offsetX() {
        return (netWidth - scaledWidth) / 2;
    }

    /** Top edge of the scaled image in the input. */
    public int offsetY() {
        return (netHeight - scaledHeight) / 2;
    }
}
