package dev.trtpipe.detect.tao;

import dev.trtpipe.detect.preprocess.ImagePlacement;
import dev.trtpipe.detect.preprocess.RgbImage;

/**
 * nvinfer's input preparation for a TAO model: scale the frame to the network size (keeping the aspect
 * ratio if asked: the scaled image at the top left, or centred with {@code symmetric-padding}), convert
 * to the model's colour format, then {@code y = net-scale-factor · (x − offsets[c])} per channel. The
 * padding is a zero pixel before normalisation, as nvinfer's conversion buffer is cleared to 0.
 *
 * <p>The scaled size follows {@code get_converted_buffer} in gst-nvinfer: with the aspect kept, the side
 * that fits is the network's and the other {@code (unsigned) net·src/src}. The resize itself is bilinear
 * with pixel centres at +0.5 (NvBufSurfTransform's filter depends on the platform and the
 * {@code scaling-filter} key, so values differ from a Jetson's by interpolation noise, not geometry).
 * GRAY is BT.601 luma of the RGB pixel.
 */
public final class TaoPreprocessor {

    private final TaoDetectionSpec spec;
    private final int netWidth;
    private final int netHeight;

    public TaoPreprocessor(TaoDetectionSpec spec, int netWidth, int netHeight) {
        this.spec = spec;
        this.netWidth = netWidth;
        this.netHeight = netHeight;
    }

    public int tensorSize() {
        return spec.colorFormat().channels() * netWidth * netHeight;
    }

    /** Where an image of this size lands in the input. */
    public ImagePlacement placement(int imageWidth, int imageHeight) {
        if (!spec.maintainAspectRatio()) {
            return new ImagePlacement(imageWidth, imageHeight, netWidth, netHeight, false, netWidth, netHeight);
        }
        double hdest = netWidth * (double) imageHeight / imageWidth;
        double wdest = netHeight * (double) imageWidth / imageHeight;
        int w;
        int h;
        if (hdest <= netHeight) {
            w = netWidth;
            h = (int) hdest;
        } else {
            w = (int) wdest;
            h = netHeight;
        }
        return new ImagePlacement(imageWidth, imageHeight, netWidth, netHeight, true, Math.max(w, 1), Math.max(h, 1));
    }

    /** Left edge of the scaled image: 0 unless the padding is symmetric. */
    public int offsetX(ImagePlacement p) {
        return spec.symmetricPadding() ? (netWidth - p.scaledWidth()) / 2 : 0;
    }

    public int offsetY(ImagePlacement p) {
        return spec.symmetricPadding() ? (netHeight - p.scaledHeight()) / 2 : 0;
    }

    /** Writes the CHW tensor of {@code image} into {@code dst} at {@code offset}. */
    public ImagePlacement write(RgbImage image, float[] dst, int offset) {
        ImagePlacement p = placement(image.width(), image.height());
        ColorFormat format = spec.colorFormat();
        int channels = format.channels();
        float scale = spec.netScaleFactor();
        int plane = netWidth * netHeight;
        for (int c = 0; c < channels; c++) {
            java.util.Arrays.fill(dst, offset + c * plane, offset + (c + 1) * plane, scale * (0f - spec.offset(c)));
        }
        int left = offsetX(p);
        int top = offsetY(p);
        double sx = (double) image.width() / p.scaledWidth();
        double sy = (double) image.height() / p.scaledHeight();
        float[] rgb = new float[3];
        for (int y = 0; y < p.scaledHeight(); y++) {
            double fy = Math.max(0, Math.min((y + 0.5) * sy - 0.5, image.height() - 1));
            int y0 = (int) fy;
            int y1 = Math.min(y0 + 1, image.height() - 1);
            float wy = (float) (fy - y0);
            for (int x = 0; x < p.scaledWidth(); x++) {
                double fx = Math.max(0, Math.min((x + 0.5) * sx - 0.5, image.width() - 1));
                int x0 = (int) fx;
                int x1 = Math.min(x0 + 1, image.width() - 1);
                float wx = (float) (fx - x0);
                for (int c = 0; c < 3; c++) {
                    float a = image.sample(c, x0, y0) + wx * (image.sample(c, x1, y0) - image.sample(c, x0, y0));
                    float b = image.sample(c, x0, y1) + wx * (image.sample(c, x1, y1) - image.sample(c, x0, y1));
                    rgb[c] = a + wy * (b - a);
                }
                int at = offset + (top + y) * netWidth + left + x;
                switch (format) {
                    case RGB -> {
                        for (int c = 0; c < 3; c++) {
                            dst[at + c * plane] = scale * (rgb[c] - spec.offset(c));
                        }
                    }
                    case BGR -> {
                        for (int c = 0; c < 3; c++) {
                            dst[at + c * plane] = scale * (rgb[2 - c] - spec.offset(c));
                        }
                    }
                    case GRAY -> dst[at] = scale * (0.299f * rgb[0] + 0.587f * rgb[1] + 0.114f * rgb[2] - spec.offset(0));
                }
            }
        }
        return p;
    }
}
