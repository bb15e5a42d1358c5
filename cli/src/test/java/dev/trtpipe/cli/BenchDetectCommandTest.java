package dev.trtpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trtpipe.detect.testing.DetectionsTsv;
import dev.trtpipe.detect.testing.ReplayModels;
import dev.trtpipe.detect.testing.SharedRefs;
import dev.trtpipe.detect.testing.TinyOnnx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trtpipe bench-detect} on an ONNX replay model (Yolo-Fastest's spec, darknet's AB head dumps): the
 * command must run every stage, find darknet's detections on the image and report ratios consistent with
 * its own figures. Engines (the engine-only stage) need the GPU and are not covered here.
 */
class BenchDetectCommandTest {

    private static final String AB_RESIZE = "trained/alexeyab/yolo-fastest-1.1_dog_resize";

    @TempDir
    Path tmp;

    private Path model;
    private String image;

    @BeforeEach
    void writeReplayModel() throws Exception {
        model = Files.write(tmp.resolve("yolo-fastest-replay.onnx"), ReplayModels.yoloFastest(AB_RESIZE));
        image = SharedRefs.resolve("images/dog_decoded.png").toString();
    }

    @Test
    void tableHasEveryStageAndAVerdictAgainstTheBackendOnlyLoop() {
        CliRun run = CliRun.of("bench-detect", "--model", model.toString(), "--image", image, "--iterations", "8", "--rounds", "2",
                "--threads", "2");

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.OK);
        int darknetDetections = DetectionsTsv.read(SharedRefs.resolve("ref/" + AB_RESIZE + "/detections.tsv")).size();
        assertThat(run.out()).contains("(onnxruntime-cpu, 320x320 input) on " + image + " (768x576, " + darknetDetections + " detections")
                .contains("2 rounds of the four stages, each stage 8 images after a warm-up of 5 images; pool: 2 threads over 1 backend instance")
                .containsPattern("\\(a\\) backend only: infer\\(\\) +8 .* 100\\.0%")
                .containsPattern("\\(b\\) engine only: enqueue \\+ sync +- .*\\(not a TensorRT engine\\)")
                .containsPattern("\\(c\\) detect, 1 thread +8 ")
                .containsPattern("\\(d\\) detect, pool of 2 threads +8 ")
                .contains("no TensorRT engine (onnxruntime-cpu): pooled detect is ");
    }

    @Test
    void jsonCarriesTheMedianRoundsAndTheirRatios() throws Exception {
        CliRun run = CliRun.of("bench-detect", "--model", model.toString(), "--image", image, "--iterations", "6", "--rounds", "3",
                "--threads", "3", "--instances", "2", "--json");

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(run.err()).contains("(d) detect, pool of 3 threads");
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("instances").asInt()).isEqualTo(2);
        assertThat(json.get("iterations_per_round").asInt()).isEqualTo(6);
        JsonNode stages = json.get("stages");
        assertThat(stages.get("engine_only").isNull()).isTrue();
        for (String stage : List.of("backend_only", "detect_single_thread", "detect_pooled")) {
            assertThat(stages.get(stage).get("images").asInt()).as(stage).isEqualTo(6);
            assertThat(stages.get(stage).get("rounds_images_per_second")).as(stage).hasSize(3);
            assertThat(stages.get(stage).get("images_per_second").asDouble()).as(stage).isPositive();
        }
        assertThat(json.get("baseline").asText()).isEqualTo("backend_only");
        double baseline = stages.get("backend_only").get("images_per_second").asDouble();
        assertThat(json.get("ratio_pooled").asDouble())
                .isCloseTo(stages.get("detect_pooled").get("images_per_second").asDouble() / baseline, within(1e-9));
        assertThat(json.get("ratio_single_thread").asDouble())
                .isCloseTo(stages.get("detect_single_thread").get("images_per_second").asDouble() / baseline, within(1e-9));
        assertThat(json.get("meets_target").asBoolean()).isFalse();
    }

    @Test
    void badOptionsAreUsageErrors() {
        CliRun both = CliRun.of("bench-detect", "--model", model.toString(), "--image", image, "--iterations", "5", "--seconds", "1");
        assertThat(both.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(both.err()).contains("--seconds and --iterations exclude each other");

        CliRun noImage = CliRun.of("bench-detect", "--model", model.toString());
        assertThat(noImage.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(noImage.err()).contains("missing --image");

        CliRun zeroThreads = CliRun.of("bench-detect", "--model", model.toString(), "--image", image, "--threads", "0");
        assertThat(zeroThreads.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(zeroThreads.err()).contains("--threads must be an integer in 1..64, got '0'");

        CliRun badSeconds = CliRun.of("bench-detect", "--model", model.toString(), "--image", image, "--seconds", "soon");
        assertThat(badSeconds.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(badSeconds.err()).contains("--seconds must be a number in (0, 600], got 'soon'");
    }

    @Test
    void aModelWithoutDarknetMetadataIsBadInputInOneLine() throws Exception {
        Path plain = Files.write(tmp.resolve("plain.onnx"), TinyOnnx.identity(TinyOnnx.FLOAT, new Long[] {1L, 3L, 4L, 4L}, Map.of()));

        CliRun run = CliRun.of("bench-detect", "--model", plain.toString(), "--image", image, "--iterations", "5");

        assertThat(run.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).startsWith("trtpipe bench-detect: " + plain + ": has no darknet detection metadata").hasLineCount(1);
    }
}
