package dev.trtpipe.detect.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trtpipe.detect.postprocess.Detection;
import dev.trtpipe.detect.postprocess.PixelBox;
import dev.trtpipe.detect.testing.DetectionsTsv.Row;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares detections as sets of (class, pixel box, probability) — darknet's listing order for equal
 * probabilities is not specified, and probabilities a few ulp apart may sort either way.
 */
public final class DetectionMatching {

    private DetectionMatching() {
    }

    /** Every expected row matched by exactly one detection: same class, pixel box within {@code pixels}, probability within {@code prob}. */
    public static void assertSameAsRows(List<Detection> actual, List<Row> expected, double prob, int pixels) {
        List<Detection> unmatched = new ArrayList<>(actual);
        for (Row row : expected) {
            PixelBox box = new PixelBox(row.left(), row.top(), row.right(), row.bottom());
            Detection match = unmatched.stream()
                    .filter(d -> d.classId() == row.classId() && near(d.pixels(), box, pixels)
                            && Math.abs(d.probability() - row.prob()) <= prob)
                    .findFirst().orElse(null);
            assertThat(match).as("darknet row %s among %s", row, unmatched).isNotNull();
            if (!Float.isNaN(match.objectness())) {
                assertThat((double) Math.abs(match.objectness() - row.objectness())).as("objectness of %s", row).isLessThanOrEqualTo(prob);
            }
            unmatched.remove(match);
        }
        assertThat(unmatched).as("detections darknet does not report").isEmpty();
    }

    /**
     * The same detections: class and pixel box identical, probability within {@code prob}, objectness
     * within {@code prob} where both carry one.
     */
    public static void assertSame(List<Detection> actual, List<Detection> expected, double prob) {
        List<Detection> unmatched = new ArrayList<>(actual);
        for (Detection e : expected) {
            Detection match = unmatched.stream()
                    .filter(d -> d.classId() == e.classId() && d.pixels().equals(e.pixels())
                            && Math.abs(d.probability() - e.probability()) <= prob
                            && (Float.isNaN(d.objectness()) || Math.abs(d.objectness() - e.objectness()) <= prob))
                    .findFirst().orElse(null);
            assertThat(match).as("expected %s among %s", e, unmatched).isNotNull();
            unmatched.remove(match);
        }
        assertThat(unmatched).as("unexpected detections").isEmpty();
    }

    private static boolean near(PixelBox a, PixelBox b, int pixels) {
        return Math.abs(a.left() - b.left()) <= pixels && Math.abs(a.top() - b.top()) <= pixels
                && Math.abs(a.right() - b.right()) <= pixels && Math.abs(a.bottom() - b.bottom()) <= pixels;
    }
}
