package dev.trtpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.trtpipe.trt.TrtAvailability;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trtpipe sample yolov3} as a user without a GPU runs it (a small cfg keeps it fast). */
class SampleCommandTest {

    private static final Path SHARED = Path.of(System.getProperty("trtpipe.shared", "../shared"));
    private static final String MINI_CFG = SHARED.resolve("ref/mini/yolov3/model.cfg").toString();
    private static final String DOG = SHARED.resolve("images/dog_decoded.png").toString();

    @TempDir
    Path dir;

    @Test
    void randomWeightsRunEveryStepAndSayWhichBackendRan() {
        assumeFalse(TrtAvailability.isAvailable(), "this host has TensorRT: the engine runs instead");
        CliRun run = CliRun.of("sample", "yolov3", "--cfg", MINI_CFG, "--random-weights", "--image", DOG, "--out-dir", dir.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("[1/4]", "[2/4]", "[3/4]", "[4/4]", "skipped: TensorRT is not usable on this host",
                DOG + ": 768x576, 0 detections",
                "backend: onnxruntime-cpu (TensorRT missing here, the engine step was skipped: the same ONNX ran on ONNX Runtime); all steps ",
                "weights: random (--random-weights), so no detections",
                "TensorRT's sample differs:", "PIL bicubic");
        assertThat(dir.resolve("model.onnx")).isRegularFile();
        assertThat(dir.resolve("model.random.weights")).isRegularFile();
        assertThat(dir.resolve("dog_decoded.detections.png")).isRegularFile();
    }

    @Test
    void usageMistakesExit2() {
        assertThat(CliRun.of("sample", "--cfg", MINI_CFG, "--random-weights").err())
                .isEqualTo("trtpipe sample: missing the sample's name: trtpipe sample yolov3 ...\n");
        assertThat(CliRun.of("sample", "yolov4", "--cfg", MINI_CFG, "--random-weights").err())
                .isEqualTo("trtpipe sample: unknown sample 'yolov4'; available: yolov3\n");
        CliRun both = CliRun.of("sample", "yolov3", "--cfg", MINI_CFG, "--random-weights", "--weights", "w");
        assertThat(both.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(both.err()).startsWith("trtpipe sample: pass either --weights FILE");
        CliRun int8 = CliRun.of("sample", "yolov3", "--cfg", MINI_CFG, "--random-weights", "-t", "int8", "--out-dir", dir.toString());
        assertThat(int8.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(int8.err()).startsWith("trtpipe sample: the YOLOv3 sample builds fp32 or fp16 engines");
    }

    @Test
    void anUndecodableImageIsOneLine() throws Exception {
        Path notAnImage = java.nio.file.Files.writeString(dir.resolve("dog.jpg"), "not a jpeg");
        CliRun run = CliRun.of("sample", "yolov3", "--cfg", MINI_CFG, "--random-weights", "--image", notAnImage.toString(),
                "--out-dir", dir.resolve("out").toString());
        assertThat(run.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err().strip()).startsWith("trtpipe sample: " + notAnImage + ": ").doesNotContain("\n");
    }
}
