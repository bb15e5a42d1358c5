package dev.trtpipe.detect.preprocess;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;

/**
 * Turns whatever {@code ImageIO} decoded into 8-bit RGB planes the way darknet's loader does
 * ({@code cv::imread(path, IMREAD_COLOR)}): grey is replicated into R, G and B, alpha is dropped
 * (not composited), palettes are expanded, 16-bit samples keep their high byte (libpng
 * {@code png_set_strip_16}) and 1/2/4-bit grey is scaled to 0–255 ({@code png_set_expand}). Raw
 * samples are used, never {@code getRGB()}: that would apply Java2D colour management (a gamma
 * curve on grey images) which OpenCV does not.
 */
final class RgbConversion {

    private RgbConversion() {
    }

    /**
     * @throws UnsupportedOperationException for colour spaces other than RGB and grey (CMYK, …);
     *         the message says which
     */
    static byte[] toPlanes(BufferedImage image) {
        ColorModel cm = image.getColorModel();
        Raster raster = image.getRaster();
        if (cm instanceof IndexColorModel palette) {
            return fromPalette(raster, palette);
        }
        int colorType = cm.getColorSpace().getType();
        if (colorType != ColorSpace.TYPE_RGB && colorType != ColorSpace.TYPE_GRAY) {
            throw new UnsupportedOperationException(colorSpaceName(colorType) + " image ("
                    + cm.getNumColorComponents() + " colour channels)");
        }
        int[] rgbBands = cm.getNumColorComponents() >= 3 ? new int[] {0, 1, 2} : new int[] {0, 0, 0};
        if (raster.getDataBuffer() instanceof DataBufferByte bytes
                && raster.getSampleModel() instanceof PixelInterleavedSampleModel sm
                && sm.getSampleSize(0) == 8) {
            return fromInterleavedBytes(raster, bytes.getData(), sm, rgbBands);
        }
        return fromSamples(raster, rgbBands);
    }

    private static byte[] fromInterleavedBytes(Raster raster, byte[] data, PixelInterleavedSampleModel sm, int[] rgbBands) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int plane = w * h;
        byte[] out = new byte[3 * plane];
        int pixelStride = sm.getPixelStride();
        int rowStride = sm.getScanlineStride();
        // a sub-raster's origin inside the shared data buffer
        int base = -raster.getSampleModelTranslateY() * rowStride - raster.getSampleModelTranslateX() * pixelStride;
        int[] bandOffsets = sm.getBandOffsets();
        for (int c = 0; c < 3; c++) {
            int bandOffset = bandOffsets[rgbBands[c]];
            int dst = c * plane;
            for (int y = 0; y < h; y++) {
                int src = base + y * rowStride + bandOffset;
                for (int x = 0; x < w; x++, src += pixelStride) {
                    out[dst++] = data[src];
                }
            }
        }
        return out;
    }

    private static byte[] fromSamples(Raster raster, int[] rgbBands) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int plane = w * h;
        byte[] out = new byte[3 * plane];
        int[] row = new int[w];
        for (int c = 0; c < 3; c++) {
            int band = rgbBands[c];
            int bits = raster.getSampleModel().getSampleSize(band);
            for (int y = 0; y < h; y++) {
                raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, band, row);
                int dst = c * plane + y * w;
                for (int x = 0; x < w; x++) {
                    out[dst + x] = (byte) to8Bit(row[x], bits);
                }
            }
        }
        return out;
    }

    private static byte[] fromPalette(Raster raster, IndexColorModel palette) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int plane = w * h;
        byte[] out = new byte[3 * plane];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                out[i] = (byte) palette.getRed(row[x]);
                out[plane + i] = (byte) palette.getGreen(row[x]);
                out[2 * plane + i] = (byte) palette.getBlue(row[x]);
            }
        }
        return out;
    }

    /** High byte of wider samples; narrower ones stretched to 0–255 (1 bit: ×255, 2: ×85, 4: ×17). */
    static int to8Bit(int sample, int bits) {
        if (bits == 8) {
            return sample;
        }
        if (bits > 8) {
            return sample >>> (bits - 8);
        }
        return sample * 255 / ((1 << bits) - 1);
    }

    private static String colorSpaceName(int type) {
        return switch (type) {
            case ColorSpace.TYPE_CMYK -> "a CMYK";
            case ColorSpace.TYPE_YCbCr -> "a YCbCr";
            case ColorSpace.TYPE_Lab -> "a Lab";
            default -> "an unsupported colour space (type " + type + ")";
        };
    }
}
