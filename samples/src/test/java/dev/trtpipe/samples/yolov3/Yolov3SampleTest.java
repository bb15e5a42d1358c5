package dev.trtpipe.samples.yolov3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.trtpipe.detect.postprocess.Detection;
import dev.trtpipe.detect.testing.DetectionsTsv;
import dev.trtpipe.detect.testing.SharedRefs;
import dev.trtpipe.samples.darknet.PublishedFiles;
import dev.trtpipe.trt.Precision;
import dev.trtpipe.trt.TrtAvailability;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The YOLOv3 sample on a host without TensorRT: every stage, ONNX Runtime standing in for the engine. */
class Yolov3SampleTest {

    private static final Path DOG_PNG = SharedRefs.resolve("images/dog_decoded.png");
    private static final Path MINI_YOLOV3 = SharedRefs.resolve("ref/mini/yolov3");
    private static final Path YOLO_FASTEST = SharedRefs.resolve("models/darknet/trained/yolo-fastest-1.1_coco");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    private Yolov3SampleResult run(Path cfg, Optional<Path> weights) throws Exception {
        return Yolov3Sample.run(new Yolov3SampleSettings(cfg, weights, DOG_PNG, dir, Precision.FP32, Optional.empty(), Optional.empty()),
                new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    private String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    @Test
    void randomWeightsOnTheMiniYolov3RunEveryStageOnOnnxRuntime() throws Exception {
        assumeFalse(TrtAvailability.isAvailable(), "this host has TensorRT: the engine path runs instead");
        Yolov3SampleResult r = run(MINI_YOLOV3.resolve("model.cfg"), Optional.empty());

        assertThat(r.backend()).isEqualTo("onnxruntime-cpu");
        assertThat(r.engine()).isEmpty();
        assertThat(r.tensorRtMissing()).hasValueSatisfying(m -> assertThat(m).startsWith("TensorRT is not usable on this host"));
        assertThat(r.randomWeights()).isTrue();
        // the generated file has the fixture's size (references.md §3: 3 912 000 bytes) and passes the exact size check
        assertThat(r.weights().file()).hasSize(Files.size(MINI_YOLOV3.resolve("model.weights")));
        assertThat(r.detections().detections()).as("objectness is silenced").isEmpty();
        assertThat(r.onnx()).isRegularFile();
        assertThat(r.reports()).allSatisfy(f -> assertThat(f).isRegularFile());
        assertThat(log()).contains("[1/4] inputs", "[2/4] yolov3_to_onnx.py", "[3/4] onnx_to_tensorrt.py, build",
                "skipped: TensorRT is not usable", "[4/4] onnx_to_tensorrt.py, inference", "ran on onnxruntime-cpu",
                "outputs 081_convolutional 21x4x5, 093_convolutional 21x8x10, 105_convolutional 21x16x20");
    }

    @Test
    void theBundledYoloFastestFindsDarknetsDetectionsOnTheDog() throws Exception {
        Yolov3SampleResult r = run(YOLO_FASTEST.resolve("yolo-fastest-1.1.cfg"), Optional.of(YOLO_FASTEST.resolve("yolo-fastest-1.1.weights")));

        assertThat(r.weights().is(PublishedFiles.YOLO_FASTEST_WEIGHTS)).isTrue();
        assertThat(r.names().name(16)).isEqualTo("dog");
        // AlexeyAB darknet on the same model (resize, greedynms). It decoded dog.jpg with stb_image, this run reads
        // PJ's OpenCV decode (dog_decoded.png): ~20 % of the input values differ by up to 3/255 (references.md §5),
        // hence 0.01 on probabilities and 2 px on box edges rather than exact equality.
        List<DetectionsTsv.Row> expected = DetectionsTsv.read(SharedRefs.resolve(
                "ref/trained/alexeyab/yolo-fastest-1.1_dog_resize/detections.tsv"));
        List<Detection> actual = new ArrayList<>(r.detections().detections());
        assertThat(actual).hasSameSizeAs(expected);
        for (DetectionsTsv.Row row : expected) {
            Detection match = actual.stream().filter(d -> d.classId() == row.classId()
                            && Math.abs(d.probability() - row.prob()) <= 0.01f
                            && Math.abs(d.pixels().left() - row.left()) <= 2 && Math.abs(d.pixels().top() - row.top()) <= 2
                            && Math.abs(d.pixels().right() - row.right()) <= 2 && Math.abs(d.pixels().bottom() - row.bottom()) <= 2)
                    .findFirst().orElseThrow(() -> new AssertionError("no detection matches darknet's " + row + " in " + actual));
            actual.remove(match);
        }
    }

    @Test
    void realWeightsThatAreNotPublishedAreCalledUnverified() throws Exception {
        Yolov3SampleResult r = run(MINI_YOLOV3.resolve("model.cfg"), Optional.of(MINI_YOLOV3.resolve("model.weights")));
        assertThat(r.randomWeights()).isFalse();
        assertThat(r.weights().published()).isEmpty();
        assertThat(log()).contains("unverified, not a published file trtpipe knows; running with them anyway (pjreddie's"
                + " yolov3.weights: sha256 " + PublishedFiles.YOLOV3_WEIGHTS.sha256() + ")");
    }

    @Test
    void weightsOfTheWrongSizeStopBeforeAnythingIsWritten() throws Exception {
        Path cut = Files.write(dir.resolve("cut.weights"), java.util.Arrays.copyOf(Files.readAllBytes(MINI_YOLOV3.resolve("model.weights")), 100_000));
        assertThatThrownBy(() -> run(MINI_YOLOV3.resolve("model.cfg"), Optional.of(cut)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(cut + " (version 0.2.5, 100000 bytes) for " + MINI_YOLOV3.resolve("model.cfg") + ": SHORT by ");
        assertThat(dir.resolve("model.onnx")).doesNotExist();
    }
}
