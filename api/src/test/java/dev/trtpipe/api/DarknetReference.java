package dev.trtpipe.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trtpipe.detect.testing.DetectionsTsv;
import dev.trtpipe.detect.testing.DetectionsTsv.Row;
import dev.trtpipe.detect.testing.SharedRefs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * AlexeyAB darknet's detections of the bundled Yolo-Fastest-1.1 on {@code dog.jpg} (resize, greedynms),
 * and the comparison the cli's tests use for a JPEG the JDK decodes slightly differently from darknet: the
 * same classes, probabilities within 0.02, boxes with IoU ≥ 0.95, nothing else.
 */
final class DarknetReference {

    /** The repository root: tests run in the module directory. */
    static final Path REPO = Path.of(System.getProperty("trtpipe.repo", ".."));
    static final Path MODEL_DIR = REPO.resolve("models/yolo-fastest-1.1");
    static final Path CFG = MODEL_DIR.resolve("yolo-fastest-1.1.cfg");
    static final Path WEIGHTS = MODEL_DIR.resolve("yolo-fastest-1.1.weights");
    static final Path NAMES = MODEL_DIR.resolve("coco.names");
    static final Path DOG = REPO.resolve("images/dog.jpg");

    private static final double PROB = 0.02;
    private static final double IOU = 0.95;

    private DarknetReference() {
    }

    /** darknet's rows for dog.jpg. */
    static List<Row> dogRows() {
        return DetectionsTsv.read(SharedRefs.resolve("ref/trained/alexeyab/yolo-fastest-1.1_dog_resize/detections.tsv"));
    }

    /** Every darknet row matched once by a detection of the same class name, probability within PROB, IoU ≥ IOU; nothing else. */
    static void assertMatchesDog(List<DetectedObject> actual) {
        List<DetectedObject> unmatched = new ArrayList<>(actual);
        for (Row row : dogRows()) {
            DetectedObject match = unmatched.stream().filter(d -> d.className().equals(row.className())
                    && Math.abs(d.score() - row.prob()) <= PROB && iou(d.box(), row) >= IOU).findFirst().orElse(null);
            assertThat(match).as("darknet row %s among %s", row, unmatched).isNotNull();
            unmatched.remove(match);
        }
        assertThat(unmatched).as("detections darknet does not report").isEmpty();
    }

    /** IoU of two boxes given as pixel corners. */
    static double iou(ImageBox box, Row row) {
        double w = Math.min(box.right(), row.right()) - Math.max(box.left(), row.left());
        double h = Math.min(box.bottom(), row.bottom()) - Math.max(box.top(), row.top());
        double intersection = Math.max(w, 0) * Math.max(h, 0);
        double a = (double) (box.right() - box.left()) * (box.bottom() - box.top());
        double b = (double) (row.right() - row.left()) * (row.bottom() - row.top());
        return intersection / (a + b - intersection);
    }
}
