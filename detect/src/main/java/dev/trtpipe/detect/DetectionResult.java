package dev.trtpipe.detect;

import dev.trtpipe.detect.postprocess.Detection;
import dev.trtpipe.detect.preprocess.RgbImage;
import java.util.List;
import java.util.Objects;

/**
 * The detections on one image.
 *
 * @param source     where the image came from (its path as given), for reports
 * @param image      the decoded image, for drawing
 * @param detections by falling probability
 */
public record DetectionResult(String source, RgbImage image, List<Detection> detections, StageTimings timings) {

    public DetectionResult {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(image, "image");
        detections = List.copyOf(detections);
        Objects.requireNonNull(timings, "timings");
    }

    public int width() {
        return image.width();
    }

    public int height() {
        return image.height();
    }
}
