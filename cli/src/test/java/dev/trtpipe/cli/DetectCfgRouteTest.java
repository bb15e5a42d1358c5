package dev.trtpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trtpipe.detect.testing.DetectionsTsv;
import dev.trtpipe.detect.testing.DetectionsTsv.Row;
import dev.trtpipe.detect.testing.SharedRefs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trtpipe detect --model x.cfg --weights x.weights}: the bundled Yolo-Fastest-1.1 on the bundled
 * {@code dog.jpg}, converted in memory (api's {@code DarknetCfgBackendProvider}), against darknet's own runs on the
 * same JPEG. The JDK decodes JPEGs a little differently from darknet's stb_image/OpenCV (up to ~3/255 per
 * value), so the comparison is at detection level: the same classes, probabilities within 0.02, boxes
 * with IoU ≥ 0.95 (the tolerance).
 */
class DetectCfgRouteTest {

    /** The repository root: tests run in the module directory. */
    private static final Path REPO = Path.of(System.getProperty("trtpipe.repo", ".."));
    private static final Path CFG = REPO.resolve("models/yolo-fastest-1.1/yolo-fastest-1.1.cfg");
    private static final Path WEIGHTS = REPO.resolve("models/yolo-fastest-1.1/yolo-fastest-1.1.weights");
    private static final Path DOG = REPO.resolve("images/dog.jpg");
    private static final double PROB = 0.02;
    private static final double IOU = 0.95;

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void bundledModelFindsWhatAlexeyAbDarknetFindsOnDogJpg() throws Exception {
        Path outDir = tmp.resolve("out");
        int code = run("--model", CFG.toString(), "--weights", WEIGHTS.toString(), "--image", DOG.toString(),
                "--names", REPO.resolve("models/yolo-fastest-1.1/coco.names").toString(), "--out-dir", outDir.toString());

        assertThat(code).as(err()).isEqualTo(ExitCode.OK);
        assertThat(out()).contains(CFG + " (onnxruntime-cpu): 320x320 input, 80 classes, resize, nms greedynms 0.45, thresh 0.25");
        JsonNode json = new ObjectMapper().readTree(outDir.resolve("dog.detections.json").toFile());
        assertCloseTo(json, DetectionsTsv.read(SharedRefs.resolve("ref/trained/alexeyab/yolo-fastest-1.1_dog_resize/detections.tsv")));
        assertThat(ImageIO.read(outDir.resolve("dog.detections.png").toFile()).getHeight()).isEqualTo(576);
    }

    @Test
    void theReadmeCommandLabelsWithTheNamesBesideTheModel() {
        int code = run("--model", CFG.toString(), "--weights", WEIGHTS.toString(), "--image", DOG.toString());

        assertThat(code).as(err()).isEqualTo(ExitCode.OK);
        assertThat(out()).contains(", names " + REPO.resolve("models/yolo-fastest-1.1/coco.names"))
                .containsPattern("\\n  car: \\d+% +left +\\d+  top +\\d+  right +\\d+  bottom +\\d+\\n")
                .contains("  dog: 65%", "  bicycle: 55%");
    }

    @Test
    void letterboxAndPlainIouFindWhatPjreddieDarknetFinds() throws Exception {
        // pjreddie's 'detect' letterboxes and runs do_nms_sort (the default NMS)
        int code = run("--model", CFG.toString(), "--weights", WEIGHTS.toString(), "--image", DOG.toString(),
                "--letterbox", "--nms-kind", "default", "--json");

        assertThat(code).as(err()).isEqualTo(ExitCode.OK);
        assertCloseTo(new ObjectMapper().readTree(out()),
                DetectionsTsv.read(SharedRefs.resolve("ref/trained/pjreddie/yolo-fastest-1.1_dog_letterbox/detections.tsv")));
    }

    @Test
    void aCfgWithoutWeightsSaysSo() {
        int code = run("--model", CFG.toString(), "--image", DOG.toString());

        assertThat(code).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(err()).isEqualTo("trtpipe detect: " + CFG + ": a darknet .cfg needs its weights; pass --weights FILE.weights"
                + System.lineSeparator());
    }

    @Test
    void weightsOfAnotherModelAreOneLineNamingTheLayer() throws Exception {
        Path other = SharedRefs.resolve("ref/mini/yolov3-tiny/model.weights");
        int code = run("--model", CFG.toString(), "--weights", other.toString(), "--image", DOG.toString());

        assertThat(code).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(err()).startsWith("trtpipe detect: " + other).contains("layer").hasLineCount(1);
    }

    /** Every darknet row matched once by a detection of the same class, probability within PROB, IoU ≥ IOU; nothing else. */
    private static void assertCloseTo(JsonNode json, List<Row> darknet) {
        List<JsonNode> unmatched = new ArrayList<>();
        json.get("detections").forEach(unmatched::add);
        for (Row row : darknet) {
            JsonNode match = unmatched.stream().filter(d -> d.get("class_id").asInt() == row.classId()
                    && Math.abs(d.get("prob").asDouble() - row.prob()) <= PROB && iou(d.get("box"), row) >= IOU)
                    .findFirst().orElse(null);
            assertThat(match).as("darknet row %s among %s", row, unmatched).isNotNull();
            unmatched.remove(match);
        }
        assertThat(unmatched).as("detections darknet does not report").isEmpty();
    }

    private static double iou(JsonNode box, Row row) {
        double w = Math.min(box.get("right").asInt(), row.right()) - Math.max(box.get("left").asInt(), row.left());
        double h = Math.min(box.get("bottom").asInt(), row.bottom()) - Math.max(box.get("top").asInt(), row.top());
        double intersection = Math.max(w, 0) * Math.max(h, 0);
        double a = (double) (box.get("right").asInt() - box.get("left").asInt()) * (box.get("bottom").asInt() - box.get("top").asInt());
        double b = (double) (row.right() - row.left()) * (row.bottom() - row.top());
        return intersection / (a + b - intersection);
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        String[] full = new String[args.length + 1];
        full[0] = "detect";
        System.arraycopy(args, 0, full, 1, args.length);
        return Main.run(full, new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
