package dev.trtpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trtpipe.trt.TrtAvailability;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trtpipe compare}: the report on stdout and in compare.md / compare.json; usage errors. */
class CompareCommandTest {

    private static final Path SHARED = Path.of(System.getProperty("trtpipe.shared", "../shared"));
    private static final Path YOLO_FASTEST = SHARED.resolve("models/darknet/trained/yolo-fastest-1.1_coco");

    @TempDir
    Path dir;

    @Test
    void yoloFastestReportIsPrintedAndWrittenAsMarkdownAndJson() throws Exception {
        assumeFalse(TrtAvailability.isAvailable(), "this host has TensorRT: engines are compared instead");
        CliRun run = CliRun.of("compare", "--cfg", YOLO_FASTEST.resolve("yolo-fastest-1.1.cfg").toString(), "--weights",
                YOLO_FASTEST.resolve("yolo-fastest-1.1.weights").toString(), "--out-dir", dir.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("# trtpipe compare: darknet yolo-fastest-1.1.cfg + yolo-fastest-1.1.weights")
                .contains("## raw path", "## TAO path", "Byte-identical.", "Max difference over all outputs: **0** (bit-identical)");
        assertThat(Files.readString(dir.resolve("compare.md"))).isEqualTo(run.out());
        JsonNode json = new ObjectMapper().readTree(dir.resolve("compare.json").toFile());
        assertThat(json.get("maxAbsDifference").asDouble()).isZero();
        assertThat(json.get("onnx").get("rawSha256").asText()).isEqualTo(json.get("onnx").get("decryptedSha256").asText());
        assertThat(run.err()).contains("[raw] model -> ONNX: trtpipe darknet2onnx", "[TAO] engine build: trtpipe tao-convert -k nvidia_tlt",
                "wrote " + dir.resolve("compare.json"));
    }

    @Test
    void usageMistakesExit2() {
        assertThat(CliRun.of("compare", "--out-dir", dir.toString()).err())
                .isEqualTo("trtpipe compare: pass either --cfg and --weights (a darknet model) or --etlt and -k (a TAO model)\n");
        CliRun noKey = CliRun.of("compare", "--etlt", SHARED.resolve("etlt/faciallandmarks.etlt").toString());
        assertThat(noKey.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(noKey.err()).startsWith("trtpipe compare: --etlt needs -k KEY");
        CliRun int8 = CliRun.of("compare", "--etlt", SHARED.resolve("etlt/faciallandmarks.etlt").toString(), "-k", "nvidia_tlt",
                "-t", "int8", "--out-dir", dir.toString());
        assertThat(int8.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(int8.err()).startsWith("trtpipe compare: compare builds fp32 or fp16 engines");
    }

    @Test
    void aWrongKeyIsOneLine() {
        CliRun run = CliRun.of("compare", "--etlt", SHARED.resolve("etlt/faciallandmarks.etlt").toString(), "-k", "tlt_encode",
                "--out-dir", dir.toString());
        assertThat(run.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).startsWith("trtpipe compare: wrong key for ").contains("faciallandmarks.etlt").hasLineCount(1);
    }

    @Test
    void aTaoDetectorComparesOnAnImageWithItsNvinferConfig() {
        assumeFalse(TrtAvailability.isAvailable(), "this host has TensorRT: engines are compared instead");
        String config = SHARED.resolve("etlt/lpdnet_onnx/sgie_lpd_DetectNet2_us.txt").toString();
        String image = SHARED.resolve("images/plates/washington-azm9591.jpg").toString();

        CliRun run = CliRun.of("compare", "--etlt", SHARED.resolve("etlt/usa_pruned.etlt").toString(), "-k", "nvidia_tlt",
                "--image", image, "--nvinfer-config", config, "--out-dir", dir.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("through nvinfer's preprocessing", "--nvinfer-config " + config + " --image " + image,
                "Max difference over all outputs: **0** (bit-identical)");

        CliRun withoutImage = CliRun.of("compare", "--etlt", SHARED.resolve("etlt/usa_pruned.etlt").toString(), "-k", "nvidia_tlt",
                "--nvinfer-config", config, "--out-dir", dir.toString());
        assertThat(withoutImage.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(withoutImage.err()).contains("--nvinfer-config and its flags prepare --image");
    }
}
