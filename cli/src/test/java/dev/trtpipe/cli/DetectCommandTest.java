package dev.trtpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trtpipe.detect.testing.DetectionsTsv;
import dev.trtpipe.detect.testing.DetectionsTsv.Row;
import dev.trtpipe.detect.testing.ReplayModels;
import dev.trtpipe.detect.testing.SharedRefs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trtpipe detect} on a replay model (Yolo-Fastest's spec in ONNX metadata, darknet's own AB head
 * dumps as outputs): table, JSON report and PNG must carry darknet's detections.tsv.
 */
class DetectCommandTest {

    private static final String AB_RESIZE = "trained/alexeyab/yolo-fastest-1.1_dog_resize";

    @TempDir
    Path tmp;

    private Path model;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void writeReplayModel() throws Exception {
        model = Files.write(tmp.resolve("yolo-fastest-replay.onnx"), ReplayModels.yoloFastest(AB_RESIZE));
    }

    @Test
    void printsDarknetsDetectionsAndWritesReports() throws Exception {
        Path outDir = tmp.resolve("out");
        int code = run("--model", model.toString(), "--image", dog(), "--names", cocoNames(), "--out-dir", outDir.toString());

        assertThat(code).as(err()).isEqualTo(ExitCode.OK);
        List<Row> expected = DetectionsTsv.read(SharedRefs.resolve("ref/" + AB_RESIZE + "/detections.tsv"));
        assertThat(out()).contains("768x576, " + expected.size() + " detections")
                .contains("resize, nms greedynms 0.45, thresh 0.25")
                .containsPattern("car: 88% +left  453  top   78  right  684  bottom  180")
                .contains("time: load ");

        JsonNode json = new ObjectMapper().readTree(outDir.resolve("dog_decoded.detections.json").toFile());
        assertThat(boxes(json)).containsExactlyInAnyOrderElementsOf(
                expected.stream().map(r -> r.className() + " " + r.left() + "," + r.top() + "," + r.right() + "," + r.bottom()).toList());
        assertThat(ImageIO.read(outDir.resolve("dog_decoded.detections.png").toFile()).getWidth()).isEqualTo(768);
    }

    @Test
    void jsonModePrintsOneObjectPerImageOnStdout() throws Exception {
        int code = run("--model", model.toString(), "--image", dog(), "--image", dog(), "--json");

        assertThat(code).as(err()).isEqualTo(ExitCode.OK);
        List<String> lines = out().lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertThat(first.get("detections").size()).isEqualTo(8);
        assertThat(first.get("detections").get(0).get("class").asText()).isEqualTo("class 2");
        assertThat(err()).contains("infer");
    }

    @Test
    void overridesReachTheDetector() throws Exception {
        int code = run("--model", model.toString(), "--image", dog(), "--letterbox", "--nms-kind", "default", "--thresh", "0.5");

        assertThat(code).as(err()).isEqualTo(ExitCode.OK);
        assertThat(out()).contains("letterbox, nms default 0.45, thresh 0.50");
    }

    @Test
    void modelsWithNmsInTheGraphAreRecognisedFromTheirMetadata() throws Exception {
        Path tiny = SharedRefs.resolve("ref/mini/yolov3-tiny");
        Path nms = tmp.resolve("tiny-nms.onnx");
        assertThat(Main.run(new String[] {"darknet2onnx", "--cfg", tiny.resolve("model.cfg").toString(), "--weights",
                tiny.resolve("model.weights").toString(), "-o", nms.toString(), "--head", "nms"}, new Console(
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)))).isZero();

        assertThat(run("--model", nms.toString(), "--image", dog())).as(err()).isEqualTo(ExitCode.OK);
        assertThat(out()).contains("resize, nms in the model (NonMaxSuppression, IoU 0.45, at most 100), thresh 0.25")
                .contains("768x576, 100 detections");

        assertThat(run("--model", nms.toString(), "--image", dog(), "--thresh", "0.1")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(err()).startsWith("trtpipe detect: " + nms + ": the model suppresses in its graph and keeps only scores above 0.25")
                .hasLineCount(1);
    }

    @Test
    void wrongNamesFileIsOneLine() throws Exception {
        Path names = Files.writeString(tmp.resolve("voc.names"), "aeroplane\nbicycle\n");
        int code = run("--model", model.toString(), "--image", dog(), "--names", names.toString());

        assertThat(code).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(err()).isEqualTo("trtpipe detect: " + names + ": has 2 names but the model has 80 classes;"
                + " pass the names file the model was trained with" + System.lineSeparator());
    }

    @Test
    void brokenImageIsOneLineAndWritesNothing() throws Exception {
        Path empty = Files.createFile(tmp.resolve("empty.jpg"));
        Path outDir = tmp.resolve("out");
        int code = run("--model", model.toString(), "--image", empty.toString(), "--out-dir", outDir.toString());

        assertThat(code).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(err()).isEqualTo("trtpipe detect: " + empty + ": the file is empty (0 bytes); pass a JPEG or PNG image"
                + System.lineSeparator());
        try (Stream<Path> files = Files.list(outDir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void helpNeedsNoOtherOption() throws Exception {
        assertThat(run("--help")).isEqualTo(ExitCode.OK);
        assertThat(out()).contains("--nms-kind");
        assertThat(run("--image", dog())).isEqualTo(ExitCode.USAGE);
        assertThat(err()).contains("--model and at least one --image are required");
    }

    @Test
    void badOptionValuesAreUsageErrors() throws Exception {
        assertThat(run("--model", model.toString(), "--image", dog(), "--thresh", "1.5")).isEqualTo(ExitCode.USAGE);
        assertThat(err()).contains("--thresh must be a number in [0, 1), got '1.5'");
        assertThat(run("--model", model.toString(), "--image", dog(), "--nms-kind", "soft")).isEqualTo(ExitCode.USAGE);
        assertThat(run("--model", model.toString(), "--image", dog(), "--letterbox", "--resize")).isEqualTo(ExitCode.USAGE);
        assertThat(run("--model", model.toString(), "--image", "a/dog.jpg", "--image", "b/dog.png", "--out-dir", "o"))
                .isEqualTo(ExitCode.USAGE);
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

    private static String dog() {
        return SharedRefs.resolve("images/dog_decoded.png").toString();
    }

    private static String cocoNames() {
        return SharedRefs.resolve("models/darknet/coco.names").toString();
    }

    private static List<String> boxes(JsonNode json) {
        List<String> out = new ArrayList<>();
        for (JsonNode d : json.get("detections")) {
            JsonNode b = d.get("box");
            out.add(d.get("class").asText() + " " + b.get("left").asInt() + "," + b.get("top").asInt() + ","
                    + b.get("right").asInt() + "," + b.get("bottom").asInt());
        }
        return out;
    }
}
