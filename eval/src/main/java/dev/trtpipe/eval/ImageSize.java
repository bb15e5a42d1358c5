package dev.trtpipe.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** An image's width and height from its header, without decoding the pixels (YOLO labels are relative). */
final class ImageSize {

    private ImageSize() {
    }

    /** @throws IOException unreadable, or no ImageIO reader knows the format */
    static int[] of(Path image) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(image.toFile())) {
            if (in == null) {
                throw new IOException("cannot open");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException("not an image format this JRE reads");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                return new int[]{reader.getWidth(0), reader.getHeight(0)};
            } catch (RuntimeException e) {
                throw new IOException("corrupt header (" + e.getMessage() + ")", e);
            } finally {
                reader.dispose();
            }
        }
    }
}
