package dev.trtpipe.detect.preprocess;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * CMYK and YCCK JPEGs, made here from ink amounts with a known encoding, decode to the colour the
 * definition gives (R = 255·(1 − C)·(1 − K), likewise G from M and B from Y; what OpenCV, and so
 * darknet, computes) and to what TwelveMonkeys' own decoder shows for these profile-less files.
 */
class FourChannelJpegTest {

    /** JPEG at quality 1.0 on flat colour, OpenCV's {@code >> 8} for {@code / 255}, YCC rounding. */
    private static final int TOLERANCE = 4;

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "ink C={0} M={1} Y={2} K={3}, Adobe transform {4}")
    @CsvSource({
            "0, 0, 0, 0, 0", "255, 0, 0, 0, 0", "0, 255, 0, 0, 0", "0, 0, 255, 0, 0", "0, 0, 0, 255, 0", "55, 155, 205, 75, 0",
            "0, 0, 0, 0, 2", "255, 0, 0, 0, 2", "0, 255, 0, 0, 2", "0, 0, 0, 255, 2", "55, 155, 205, 75, 2",
    })
    void decodesToTheDefinitionsColour(int c, int m, int y, int k, int transform) throws Exception {
        Path file = Files.write(tmp.resolve("ink.jpg"), adobeJpeg(stored(c, m, y, k, transform), transform));

        RgbImage image = ImageLoader.load(file);

        int[] expected = {fromInk(c, k), fromInk(m, k), fromInk(y, k)};
        for (int channel = 0; channel < 3; channel++) {
            assertThat(image.sample(channel, 5, 5)).as("channel " + channel).isCloseTo(expected[channel],
                    org.assertj.core.data.Offset.offset(TOLERANCE));
        }
        int reference = referenceDecoderRgb(file);
        assertThat(image.sample(0, 5, 5)).isCloseTo(reference >> 16 & 0xff, org.assertj.core.data.Offset.offset(TOLERANCE));
        assertThat(image.sample(1, 5, 5)).isCloseTo(reference >> 8 & 0xff, org.assertj.core.data.Offset.offset(TOLERANCE));
        assertThat(image.sample(2, 5, 5)).isCloseTo(reference & 0xff, org.assertj.core.data.Offset.offset(TOLERANCE));
    }

    /** The definition, in floating point: the channel's light is what neither its ink nor black absorbs. */
    private static int fromInk(int ink, int black) {
        return (int) Math.round(255.0 * (1 - ink / 255.0) * (1 - black / 255.0));
    }

    /**
     * The four stored components: Adobe files store ink inverted (255 = no ink); YCCK stores the inverted
     * C, M, Y as if they were R, G, B, in JFIF YCbCr.
     */
    private static int[] stored(int c, int m, int y, int k, int transform) {
        int[] s = {255 - c, 255 - m, 255 - y, 255 - k};
        if (transform == 2) {
            // libjpeg decodes C = 255 - R, so R = 255 - stored C = ink C
            double r = c;
            double g = m;
            double b = y;
            s[0] = clamp(0.299 * r + 0.587 * g + 0.114 * b);
            s[1] = clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
            s[2] = clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
        }
        return s;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    /** A flat 16×16 four-component JPEG of {@code components}, with an Adobe APP14 marker of {@code transform}. */
    private static byte[] adobeJpeg(int[] components, int transform) throws Exception {
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 16, 16, 4, null);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                raster.setPixel(x, y, components);
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageWriter writer = jdkJpegWriter(); // writes a raster's components as they are
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(1f);
            writer.write(null, new IIOImage(raster, null, null), p);
        } finally {
            writer.dispose();
        }
        byte[] plain = bytes.toByteArray();
        byte[] app14 = {(byte) 0xff, (byte) 0xee, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, (byte) transform};
        byte[] file = new byte[plain.length + app14.length];
        System.arraycopy(plain, 0, file, 0, 2); // SOI, then the marker
        System.arraycopy(app14, 0, file, 2, app14.length);
        System.arraycopy(plain, 2, file, 2 + app14.length, plain.length - 2);
        return file;
    }

    private static ImageWriter jdkJpegWriter() {
        for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("jpeg"); it.hasNext(); ) {
            ImageWriter w = it.next();
            if (w.getClass().getName().startsWith("com.sun.")) {
                return w;
            }
        }
        throw new IllegalStateException("the JDK's JPEG writer is missing");
    }

    /** TwelveMonkeys' own colour conversion of the file's pixel (5, 5). */
    private static int referenceDecoderRgb(Path file) throws Exception {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            ImageReader reader = readers.next();
            assertThat(reader.getClass().getName()).startsWith("com.twelvemonkeys.");
            try {
                reader.setInput(in);
                BufferedImage image = reader.read(0);
                return image.getRGB(5, 5);
            } finally {
                reader.dispose();
            }
        }
    }
}
