package dev.trtpipe.trt;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Interim calibration preprocessing: the whole image stretched to the network size (bilinear), RGB
 * planes scaled to 0..1 — what darknet feeds a model without {@code letter_box}, up to resampling
 * details. To be replaced by the detect module's darknet-exact preprocessing where the two meet
 * ({@link EngineBuilder#calibrationPreprocessor}).
 */
public final class StretchResizePreprocessor implements CalibrationPreprocessor {

    @Override
    public float[] toTensor(Path image, int channels, int height, int width) throws IOException {
        BufferedImage src;
        try {
            src = ImageIO.read(image.toFile());
        } catch (LinkageError e) {
            // jlink'ed runtimes may lack the system libjpeg that the JDK's JPEG decoder links to
            throw new IOException(image + ": this Java runtime cannot decode the image (" + e.getMessage() + "); use PNG images or a full JDK");
        }
        if (src == null) {
            throw new IOException(image + ": not an image ImageIO can read (jpg, png, bmp)");
        }
        if (channels != 3 && channels != 1) {
            throw new IllegalArgumentException(image + ": the network input has " + channels + " channels; calibration images give 1 or 3");
        }
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(src, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        float[] chw = new float[channels * height * width];
        int plane = height * width;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = scaled.getRGB(x, y);
                int r = (rgb >> 16) & 0xff, gr = (rgb >> 8) & 0xff, b = rgb & 0xff;
                int i = y * width + x;
                if (channels == 1) {
                    chw[i] = (0.299f * r + 0.587f * gr + 0.114f * b) / 255f;
                } else {
                    chw[i] = r / 255f;
                    chw[plane + i] = gr / 255f;
                    chw[2 * plane + i] = b / 255f;
                }
            }
        }
        return chw;
    }
}
