package dev.trtpipe.detect.preprocess;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.util.OptionalInt;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * CMYK and YCCK JPEGs (four components, usually with an Adobe APP14 marker), decoded to RGB as darknet
 * sees them: libjpeg turns YCCK into CMYK, then OpenCV's {@code imread} applies its fixed rule
 * {@code R = K - (255 - C)·K / 256} (likewise G from M, B from Y) on the stored, Adobe-inverted values
 * and ignores any ICC profile. The raw components come from the reader's {@code readRaster}, which does
 * no colour conversion; TwelveMonkeys' reader (registered ahead of the JDK's, which refuses these files)
 * supplies them together with the Adobe transform.
 */
final class FourChannelJpeg {

    /** Adobe APP14 transform values (the JPEG metadata format's {@code app14Adobe@transform}). */
    static final int TRANSFORM_NONE = 0;
    static final int TRANSFORM_YCCK = 2;

    private static final String JPEG_METADATA = "javax_imageio_jpeg_image_1.0";

    private FourChannelJpeg() {
    }

    /**
     * The Adobe transform of a four-component JPEG (CMYK when there is no Adobe marker, as libjpeg
     * assumes); empty for every other image.
     */
    static OptionalInt adobeTransform(ImageReader reader) {
        try {
            if (!"jpeg".equalsIgnoreCase(reader.getFormatName().strip())) {
                return OptionalInt.empty();
            }
            IIOMetadata metadata = reader.getImageMetadata(0);
            if (metadata == null || !java.util.Arrays.asList(metadata.getMetadataFormatNames()).contains(JPEG_METADATA)) {
                return OptionalInt.empty();
            }
            Element root = (Element) metadata.getAsTree(JPEG_METADATA);
            if (root.getElementsByTagName("componentSpec").getLength() != 4) {
                return OptionalInt.empty();
            }
            NodeList adobe = root.getElementsByTagName("app14Adobe");
            if (adobe.getLength() == 0) {
                return OptionalInt.of(TRANSFORM_NONE);
            }
            Node transform = adobe.item(0).getAttributes().getNamedItem("transform");
            return OptionalInt.of(transform == null ? TRANSFORM_NONE : Integer.parseInt(transform.getNodeValue()));
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty(); // not readable as a four-component JPEG: the ordinary path reports it
        }
    }

    /** The image's RGB pixels from its raw components. */
    static BufferedImage toRgb(Raster raw, int transform) {
        int width = raw.getWidth();
        int height = raw.getHeight();
        BufferedImage rgb = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] px = new int[4];
        int[] line = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raw.getPixel(raw.getMinX() + x, raw.getMinY() + y, px);
                if (transform == TRANSFORM_YCCK) {
                    yccToInvertedCmy(px);
                }
                int k = px[3];
                line[x] = openCv(px[0], k) << 16 | openCv(px[1], k) << 8 | openCv(px[2], k);
            }
            rgb.setRGB(0, y, width, 1, line, 0, width);
        }
        return rgb;
    }

    /** OpenCV's {@code icvCvt_CMYK2BGR_8u_C4C3R} for one channel of stored (inverted) values. */
    private static int openCv(int stored, int k) {
        return k - ((255 - stored) * k >> 8);
    }

    /** libjpeg's YCCK → CMYK: the YCC triple to RGB (JFIF equations, rounded, clamped), then C = 255 - R, … */
    private static void yccToInvertedCmy(int[] px) {
        double y = px[0];
        double cb = px[1] - 128.0;
        double cr = px[2] - 128.0;
        px[0] = 255 - clamp(y + 1.402 * cr);
        px[1] = 255 - clamp(y - 0.344136 * cb - 0.714136 * cr);
        px[2] = 255 - clamp(y + 1.772 * cb);
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
