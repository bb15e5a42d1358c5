package dev.trtpipe.api;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The detections on one image.
 *
 * @param source      the image's file, or {@code BufferedImage} for an image given in memory
 * @param imageWidth  the image's width in pixels
 * @param imageHeight the image's height in pixels
 * @param objects     the detections, most probable first
 * @param elapsed     the time it took: decoding (for a file), preprocessing, the network and the decoding of its outputs
 */
public record Detections(String source, int imageWidth, int imageHeight, List<DetectedObject> objects, Duration elapsed) {

    public Detections {
        Objects.requireNonNull(source, "source");
        objects = List.copyOf(objects);
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /**
     * The detections of one class.
     *
     * @param className a class name, e.g. {@code dog}
     * @return those detections, most probable first
     */
    public List<DetectedObject> ofClass(String className) {
        return objects.stream().filter(o -> o.className().equals(className)).toList();
    }
}
