package dev.trtpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trtpipe.detect.preprocess.ResizeImplementation;
import dev.trtpipe.detect.testing.DetectionsTsv;
import dev.trtpipe.detect.testing.DetectionsTsv.Row;
import dev.trtpipe.detect.testing.ReferenceSpecs;
import dev.trtpipe.detect.testing.ReplayModels;
import dev.trtpipe.detect.testing.SharedRefs;
import dev.trtpipe.trt.EngineMetadata;
import dev.trtpipe.trt.TrtAvailability;
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
    /** The last {@link #run}. */
    private CliRun last;

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
                .contains("resize, nms greedynms 0.45, thresh 0.25, preprocessing " + ResizeImplementation.preferred().label())
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
    void severalWorkersAndInstancesPrintTheSameLinesInInputOrder() throws Exception {
        List<String> images = Stream.of("dog_decoded.png", "person_decoded.png", "giraffe.jpg", "eagle.jpg", "horses.jpg",
                "dog_decoded.png").map(i -> SharedRefs.resolve("images/" + i).toString()).toList();
        List<String> args = new ArrayList<>(List.of("--model", model.toString(), "--json"));
        images.forEach(i -> args.addAll(List.of("--image", i)));

        assertThat(run(Stream.concat(args.stream(), Stream.of("--workers", "1")).toArray(String[]::new))).as(err()).isEqualTo(ExitCode.OK);
        String oneByOne = out();
        assertThat(run(Stream.concat(args.stream(), Stream.of("--workers", "3", "--instances", "2")).toArray(String[]::new)))
                .as(err()).isEqualTo(ExitCode.OK);

        assertThat(out()).isEqualTo(oneByOne);
        assertThat(err()).containsPattern("6 images in [0-9.]+ s: [0-9.]+ images/s \\(3 workers, 2 instances\\)");
        List<String> order = new ArrayList<>();
        for (String line : out().lines().toList()) {
            order.add(new ObjectMapper().readTree(line).get("image").asText());
        }
        assertThat(order).containsExactlyElementsOf(images);
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
        CliRun convert = CliRun.of("darknet2onnx", "--cfg", tiny.resolve("model.cfg").toString(), "--weights",
                tiny.resolve("model.weights").toString(), "-o", nms.toString(), "--head", "nms");
        assertThat(convert.exit()).as(convert.err()).isZero();

        assertThat(run("--model", nms.toString(), "--image", dog())).as(err()).isEqualTo(ExitCode.OK);
        assertThat(out()).contains("resize, nms in the model (NonMaxSuppression, IoU 0.45, at most 100), thresh 0.25")
                .contains("768x576, 100 detections");

        assertThat(run("--model", nms.toString(), "--image", dog(), "--thresh", "0.1")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(err()).isEqualToIgnoringNewLines("trtpipe detect: " + nms + ": the model suppresses in its graph and keeps only"
                + " scores above 0.25, so threshold 0.10 cannot be applied; re-export with darknet2onnx --head nms --score-thresh 0.10,"
                + " or with --head decode").hasLineCount(1);
    }

    /** The engine route on a host without a GPU: every check before TensorRT passes, then exit 3. */
    @Test
    void aTensorRtEngineNeedsTensorRt() throws Exception {
        assumeFalse(TrtAvailability.isAvailable(), "this host has TensorRT and a GPU");
        for (String name : List.of("yolo-fastest.plan", "yolo-fastest.engine")) {
            Path engine = Files.write(tmp.resolve(name), new byte[] {1, 2, 3});
            new EngineMetadata(EngineMetadata.FORMAT, "yolo-fastest.onnx", "00".repeat(32), "fp16", "10.6.0", "NVIDIA H100 80GB HBM3",
                    List.of(new EngineMetadata.Tensor("images", new long[] {1, 3, 320, 320}, "float")),
                    List.of(new EngineMetadata.Tensor("yolo_121", new long[] {1, 255, 10, 10}, "float"),
                            new EngineMetadata.Tensor("yolo_130", new long[] {1, 255, 20, 20}, "float")),
                    List.of(), 12.5, ReferenceSpecs.yoloFastest().toMetadata()).writeFor(engine);

            int code = run("--model", engine.toString(), "--image", dog());

            assertThat(code).as(err()).isEqualTo(ExitCode.NO_TENSORRT);
            assertThat(err()).startsWith("trtpipe detect: TensorRT is not usable on this host: missing ").contains("libcuda.so.1")
                    .hasLineCount(1);
            assertThat(out()).isEmpty();
        }
    }

    @Test
    void anEngineWithoutItsSidecarIsOneLine() throws Exception {
        Path engine = Files.write(tmp.resolve("bare.plan"), new byte[] {1, 2, 3});

        assertThat(run("--model", engine.toString(), "--image", dog())).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(err()).startsWith("trtpipe detect: " + engine + ": its sidecar bare.plan.json is missing").hasLineCount(1);
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
        assertThat(run("--model", model.toString(), "--image", dog(), "--workers", "0")).isEqualTo(ExitCode.USAGE);
        assertThat(err()).contains("--workers must be an integer in 1..256, got '0'");
        assertThat(run("--model", model.toString(), "--image", "a/dog.jpg", "--image", "b/dog.png", "--out-dir", "o"))
                .isEqualTo(ExitCode.USAGE);
    }

    private int run(String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "detect";
        System.arraycopy(args, 0, full, 1, args.length);
        last = CliRun.of(full);
        return last.exit();
    }

    private String out() {
        return last.out();
    }

    private String err() {
        return last.err();
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
