package dev.trtpipe.samples.steps;

import dev.trtpipe.detect.preprocess.ImageLoadException;
import dev.trtpipe.detect.preprocess.ImageLoader;
import dev.trtpipe.detect.preprocess.RgbImage;
import java.nio.file.Path;

/** Loads sample images, turning a Java runtime without a JPEG decoder into a one-line message. */
public final class Images {

    private Images() {
    }

    public static RgbImage load(Path image) throws ImageLoadException {
        try {
            return ImageLoader.load(image);
        } catch (LinkageError e) {
            // minimal (jlink'ed) runtimes may lack the native library behind ImageIO's JPEG reader
            throw new ImageLoadException(image, "this Java runtime cannot decode it (" + e.getClass().getSimpleName()
                    + ": " + e.getMessage() + "); its image decoder library is missing: convert the image to PNG"
                    + " (e.g. ../shared/images/dog_decoded.png is dog.jpg as darknet decodes it) and pass that", e);
        }
    }
}
