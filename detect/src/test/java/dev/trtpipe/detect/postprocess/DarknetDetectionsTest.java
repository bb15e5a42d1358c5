package dev.trtpipe.detect.postprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.trtpipe.darknet.DetectionSpec;
import dev.trtpipe.darknet.NmsKind;
import dev.trtpipe.detect.preprocess.ImagePlacement;
import dev.trtpipe.detect.testing.DetectionsTsv;
import dev.trtpipe.detect.testing.DetectionsTsv.Row;
import dev.trtpipe.detect.testing.ReferenceSpecs;
import dev.trtpipe.detect.testing.SharedRefs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Decoding darknet's own head-conv dumps must reproduce darknet's {@code detections.tsv}: the same
 * (class, pixel box) rows, probabilities and objectness within 1e-5 (references.md §7).
 */
class DarknetDetectionsTest {

    private static final int DOG_W = 768;
    private static final int DOG_H = 576;
    private static final float PROB_TOLERANCE = 1e-5f;

    @ParameterizedTest(name = "{0} ({2}, {3})")
    @CsvSource({
            "trained/pjreddie/yolo-fastest-1.1_dog_letterbox,          fastest, true,  DEFAULT",
            "trained/pjreddie/yolo-fastest-1.1_dog_resize,             fastest, false, DEFAULT",
            "trained/alexeyab/yolo-fastest-1.1_dog_resize,             fastest, false, GREEDYNMS",
            "preprocess/yolo-fastest-1.1_320x320_dogpng_letterbox,     fastest, true,  DEFAULT",
            "preprocess/yolov3-tiny-mini_160x128_dogpng_letterbox,     v3tiny,  true,  DEFAULT",
            "preprocess/yolov3-tiny-mini_160x128_dogpng_resize,        v3tiny,  false, DEFAULT",
    })
    void reproducesDarknetsDetections(String dir, String model, boolean letterbox, NmsKind nms) {
        DetectionSpec spec = model.equals("fastest") ? ReferenceSpecs.yoloFastest() : ReferenceSpecs.yolov3TinyMini();
        List<Row> expected = DetectionsTsv.read(SharedRefs.resolve("ref/" + dir + "/detections.tsv"));

        List<Detection> actual = detect(dir, spec, letterbox, nms);

        assertSameDetections(actual, expected);
    }

    @Test
    void plainIouDropsTheCarThatGreedyNmsKeeps() {
        // darknet.md §8.3: on dog.jpg (AB, resize) greedynms keeps one more car than do_nms_sort
        String dir = "trained/alexeyab/yolo-fastest-1.1_dog_resize";
        List<Row> greedy = DetectionsTsv.read(SharedRefs.resolve("ref/" + dir + "/detections.tsv"));

        List<Detection> plain = detect(dir, ReferenceSpecs.yoloFastest(), false, NmsKind.DEFAULT);

        long carsGreedy = greedy.stream().filter(r -> r.classId() == 2).count();
        assertThat(plain.stream().filter(d -> d.classId() == 2).count()).isEqualTo(carsGreedy - 1);
        assertThat(plain).hasSize(greedy.size() - 1);
    }

    @Test
    void diouNmsWithDefaultBetaEqualsGreedyNms() {
        String dir = "trained/alexeyab/yolo-fastest-1.1_dog_resize";
        List<Row> expected = DetectionsTsv.read(SharedRefs.resolve("ref/" + dir + "/detections.tsv"));

        assertSameDetections(detect(dir, ReferenceSpecs.yoloFastest(), false, NmsKind.DIOUNMS), expected);
    }

    static List<Detection> detect(String dir, DetectionSpec spec, boolean letterbox, NmsKind nms) {
        float[][] heads = new float[spec.heads().size()][];
        for (int h = 0; h < heads.length; h++) {
            heads[h] = SharedRefs.floats(SharedRefs.resolve(String.format("ref/%s/layer_%03d.bin", dir,
                    spec.heads().get(h).layerIndex())));
        }
        PostprocessSettings settings = PostprocessSettings.defaultsFor(spec).withNmsKind(nms);
        ImagePlacement placement = ImagePlacement.of(DOG_W, DOG_H, spec.inputWidth(), spec.inputHeight(), letterbox);
        return new Postprocessor(spec, settings).process(heads, 0, placement);
    }

    static void assertSameDetections(List<Detection> actual, List<Row> expected) {
        List<Detection> unmatched = new ArrayList<>(actual);
        for (Row row : expected) {
            PixelBox box = new PixelBox(row.left(), row.top(), row.right(), row.bottom());
            Detection match = unmatched.stream()
                    .filter(d -> d.classId() == row.classId() && d.pixels().equals(box)
                            && Math.abs(d.probability() - row.prob()) <= PROB_TOLERANCE)
                    .findFirst().orElse(null);
            assertThat(match).as("darknet row %s among %s", row, unmatched).isNotNull();
            assertThat(match.objectness()).as("objectness of %s", row).isCloseTo(row.objectness(), within(PROB_TOLERANCE));
            unmatched.remove(match);
        }
        assertThat(unmatched).as("detections darknet does not report").isEmpty();
    }
}
