package dev.trtpipe.samples.steps;

import dev.trtpipe.detect.preprocess.ImageLoadException;
import dev.trtpipe.detect.preprocess.ImageLoader;
import dev.trtpipe.detect.preprocess.RgbImage;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Loads sample images. A minimal (jlink'ed) Java runtime may lack the native library behind ImageIO's
 * JPEG reader — the staged runtime on the GPU machine does — and then a JPEG fails either with a linkage
 * error or as "not an image"; both become one line that says so and asks for a PNG.
 */
public final class Images {

    private static final String PNG_HINT = "convert the image to PNG and pass that (../shared/images/dog_decoded.png is"
            + " dog.jpg as darknet decodes it)";

    private Images() {
    }

    public static RgbImage load(Path image) throws ImageLoadException {
        try {
            return ImageLoader.load(image);
        } catch (LinkageError e) {
            throw new ImageLoadException(image, "this Java runtime cannot decode it (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); its image decoder library is missing: " + PNG_HINT, e);
        } catch (ImageLoadException e) {
            if (isJpegName(image) && !hasJpegDecoder()) {
                throw new ImageLoadException(image, "this Java runtime has no JPEG decoder: " + PNG_HINT, e);
            }
            throw e;
        }
    }

    private static boolean isJpegName(Path image) {
        String name = image.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".jpg") || name.endsWith(".jpeg");
    }

    private static boolean hasJpegDecoder() {
        try {
            return ImageIO.getImageReadersByFormatName("jpeg").hasNext();
        } catch (LinkageError e) {
            return false;
        }
    }
}
