package dev.trtpipe.detect.preprocess;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalInt;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads an image file (anything {@code ImageIO} decodes: JPEG, PNG, BMP, GIF; CMYK, YCCK and
 * Adobe-marker JPEGs through TwelveMonkeys' reader and {@link FourChannelJpeg}) into {@link RgbImage}
 * with darknet's colour rules (see {@link RgbConversion}).
 *
 * <p>JPEG decoders differ slightly between libraries (IDCT, chroma upsampling), so a JPEG decoded
 * here is close to, not identical with, what darknet's OpenCV or stb_image sees; PNG and BMP are
 * lossless and identical. Decoder warnings (a truncated JPEG) are errors: darknet would silently run
 * on a half-grey picture.
 */
public final class ImageLoader {

    private static final String CONVERT_HINT = "convert it to an 8-bit RGB JPEG or PNG"
            + " (e.g. 'convert IN -colorspace sRGB -depth 8 OUT.png')";

    /** Larger than any camera's picture; detect scales every image to the network's input anyway. */
    static final long MAX_PIXELS = 200_000_000L;
    private static final long BYTES_PER_PIXEL = 7;

    private ImageLoader() {
    }

    public static RgbImage load(Path file) throws ImageLoadException {
        return load(file, PixelMemory.HEAP);
    }

    /**
     * Like {@link #load(Path)}, with the planes kept in {@code memory} (close the image to give them back):
     * e.g. pinned memory that a GPU copies from directly. Decoding converts into a heap array first, copied
     * once into {@code memory}: small beside decoding the file, and done by the thread that loads.
     */
    public static RgbImage load(Path file, PixelMemory memory) throws ImageLoadException {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new ImageLoadException(file, "no such file");
        } catch (IOException e) {
            throw new ImageLoadException(file, "cannot read: " + e.getMessage(), e);
        }
        if (size == 0) {
            throw new ImageLoadException(file, "the file is empty (0 bytes); pass a JPEG or PNG image");
        }
        BufferedImage decoded = decode(file);
        try {
            return RgbImage.inMemory(decoded.getWidth(), decoded.getHeight(), RgbConversion.toPlanes(decoded), memory);
        } catch (UnsupportedOperationException e) {
            throw new ImageLoadException(file, "is " + e.getMessage() + "; trtpipe reads RGB and grey images only: "
                    + CONVERT_HINT);
        }
    }

    private static BufferedImage decode(Path file) throws ImageLoadException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new ImageLoadException(file, "cannot open for reading");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ImageLoadException(file, "not an image in a format the JDK can read (JPEG, PNG, BMP, GIF);"
                        + " check the path, or " + CONVERT_HINT);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= 0 || height <= 0) {
                    throw new ImageLoadException(file, "has size " + width + "x" + height + "; an image needs at least one pixel");
                }
                checkFitsInMemory(file, width, height);
                BufferedImage image = readPixels(reader);
                if (!warnings.isEmpty()) {
                    throw new ImageLoadException(file, "is corrupt or truncated (" + reader.getFormatName()
                            + " decoder: " + String.join("; ", warnings) + "); re-export or re-download it");
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (ImageLoadException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // ImageIO reports corrupt data as IIOException, but also as IndexOutOfBounds/IllegalArgument
            throw new ImageLoadException(file, "is corrupt or truncated, the decoder says: " + oneLine(e)
                    + "; re-export or re-download it", e);
        } catch (LinkageError e) {
            // jlink'ed runtimes (the staged GPU machine's) may lack the system libjpeg the JDK's JPEG decoder links to
            throw new ImageLoadException(file, "cannot be decoded by this Java runtime (" + oneLine(e)
                    + "); convert it to PNG or run trtpipe on a full JDK", e);
        }
    }

    /**
     * The header's size, bounded before the decoder allocates from it: a forged 60000x60000 PNG header
     * must be a message, not an OutOfMemoryError. Decoding holds about 7 bytes a pixel (the decoded
     * image, then the RGB planes).
     */
    private static void checkFitsInMemory(Path file, int width, int height) throws ImageLoadException {
        long pixels = (long) width * height;
        long bytes = pixels * BYTES_PER_PIXEL;
        if (pixels > MAX_PIXELS || bytes > Runtime.getRuntime().maxMemory() / 2) {
            throw new ImageLoadException(file, "claims " + width + "x" + height + " pixels, needing about " + (bytes >> 20)
                    + " MiB to decode (at most " + MAX_PIXELS / 1_000_000 + " megapixels and half the Java heap of "
                    + (Runtime.getRuntime().maxMemory() >> 20) + " MiB); scale it down, or check that the file is intact");
        }
    }

    private static BufferedImage readPixels(ImageReader reader) throws IOException {
        OptionalInt cmykTransform = FourChannelJpeg.adobeTransform(reader);
        if (cmykTransform.isPresent()) {
            return FourChannelJpeg.toRgb(reader.readRaster(0, null), cmykTransform.getAsInt());
        }
        return reader.read(0);
    }

    private static String oneLine(Throwable e) {
        String msg = e.getMessage();
        return (msg == null || msg.isBlank() ? e.getClass().getSimpleName() : msg.strip()).replaceAll("\\s*\\R\\s*", " ");
    }
}
