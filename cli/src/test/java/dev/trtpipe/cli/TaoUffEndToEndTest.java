package dev.trtpipe.cli;

import static dev.trtpipe.cli.EtltCommandsTest.filesIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.trtpipe.detect.testing.SharedRefs;
import dev.trtpipe.onnx.OnnxMetadata;
import dev.trtpipe.trt.TrtAvailability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 items 4 and 6 on the translated UFF model: NGC's {@code usa_pruned.etlt} (LPDNet, UFF) goes through
 * {@code etlt2onnx --nvinfer-config} with the LPDNet config, and {@code detect} on the ONNX alone finds the
 * Washington plate where it is by eye (docs/tao-detect.md: x 213–346, y 370–431, measured on a zoomed crop).
 */
class TaoUffEndToEndTest {

    private static final Path ETLT = SharedRefs.resolve("etlt/usa_pruned.etlt");
    private static final Path CONFIG = SharedRefs.resolve("etlt/lpdnet_onnx/sgie_lpd_DetectNet2_us.txt");
    private static final Path WASHINGTON = SharedRefs.resolve("images/plates/washington-azm9591.jpg");
    /** left, top, right, bottom of the plate by eye. */
    private static final int[] PLATE_BY_EYE = {213, 370, 346, 431};
    /** The older weights' box may sit a little off the TAO5 export's; a box off the plate is tens of pixels away. */
    private static final int TOLERANCE_PX = 8;
    private static final Pattern LPD_BOX = Pattern.compile("lpd: +\\d+% +left +(\\d+) +top +(\\d+) +right +(\\d+) +bottom +(\\d+)");

    @TempDir
    Path dir;

    @Test
    void translatedUsaPrunedCarriesItsSpecAndDetectFindsThePlateWithNoConfig() throws Exception {
        Path onnx = dir.resolve("usa_pruned.onnx");
        CliRun convert = CliRun.of("etlt2onnx", "-k", "nvidia_tlt", ETLT.toString(), "-o", onnx.toString(),
                "--nvinfer-config", CONFIG.toString());
        assertThat(convert.exit()).as(convert.err()).isEqualTo(ExitCode.OK);
        assertThat(convert.out()).contains("translated from UFF").contains("tao.* metadata entries")
                .contains("DetectNet_v2 grid 40x30 (output_cov/Sigmoid, output_bbox/BiasAdd)");
        // the config names the TAO5 blobs with ':0'; the UFF names have none, and the spec matched them anyway
        assertThat(OnnxMetadata.read(onnx)).containsEntry("tao.labels", "lpd").containsEntry("tao.cluster-mode", "3");
        assertThat(filesIn(dir)).containsExactly("usa_pruned.onnx");

        CliRun detect = CliRun.of("detect", "--model", onnx.toString(), "--image", WASHINGTON.toString());

        assertThat(detect.exit()).as(detect.err()).isEqualTo(ExitCode.OK);
        assertThat(detect.out()).contains("1 detection");
        Matcher box = LPD_BOX.matcher(detect.out());
        assertThat(box.find()).as(detect.out()).isTrue();
        for (int edge = 0; edge < 4; edge++) {
            assertThat(Integer.parseInt(box.group(edge + 1))).as("edge %d of %s", edge, box.group())
                    .isCloseTo(PLATE_BY_EYE[edge], within(TOLERANCE_PX));
        }
    }

    @Test
    void aBrokenConfigStopsEtlt2onnxBeforeItWritesAnything() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.txt"), "[property]\nnet-scale-factor=abc\n");
        Path onnx = dir.resolve("usa_pruned.onnx");

        CliRun run = CliRun.of("etlt2onnx", "-k", "nvidia_tlt", ETLT.toString(), "-o", onnx.toString(),
                "--nvinfer-config", broken.toString());

        assertThat(run.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.lastErrLine()).contains(broken + ":2:");
        assertThat(filesIn(dir)).containsExactly("broken.txt");
    }

    @Test
    void aConfigThatDoesNotFitTheModelLeavesNoFile() throws Exception {
        // the config's outputs are the DetectNet_v2 grids; an SSD config expects NMS outputs the LPDNet graph lacks
        Path ssd = Files.writeString(dir.resolve("ssd.txt"), "[property]\nnum-detected-classes=1\noutput-blob-names=NMS\n"
                + "infer-dims=3;300;300\n");
        Path onnx = dir.resolve("usa_pruned.onnx");

        CliRun run = CliRun.of("etlt2onnx", "-k", "nvidia_tlt", ETLT.toString(), "-o", onnx.toString(),
                "--nvinfer-config", ssd.toString());

        assertThat(run.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.lastErrLine()).contains(ETLT.toString());
        assertThat(filesIn(dir)).containsExactly("ssd.txt");
    }

    @Test
    void taoConvertAndOnnx2trtEmbedTheSpecBeforeTheBuild() throws Exception {
        assumeFalse(TrtAvailability.isAvailable(), "this host has TensorRT and a GPU (gpu/tao-uff.sh checks the sidecar)");
        Path engine = dir.resolve("usa_pruned.plan");

        CliRun convert = CliRun.of("tao-convert", "-k", "nvidia_tlt", "-d", "3,480,640", "-o", "output_cov/Sigmoid,output_bbox/BiasAdd",
                "-m", "16", "-t", "fp32", "-i", "nchw", "-e", engine.toString(), "--nvinfer-config", CONFIG.toString(), ETLT.toString());
        CliRun onnx2trt = CliRun.of("onnx2trt", "-m", SharedRefs.resolve("etlt/lpdnet_onnx/LPDNet_usa_pruned_tao5.onnx").toString(),
                "--batch", "1:1:1", "-e", engine.toString(), "--nvinfer-config", CONFIG.toString());

        for (CliRun run : new CliRun[] {convert, onnx2trt}) {
            assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.NO_TENSORRT);
            assertThat(run.err()).contains("embedding 21 tao.* metadata entries (DetectNet_v2 grid 40x30");
            assertThat(filesIn(dir)).as("no engine, no temporary ONNX").isEmpty();
        }
    }

    @Test
    void preprocessingFlagsWithoutAConfigAreAUsageError() {
        CliRun run = CliRun.of("etlt2onnx", "-k", "nvidia_tlt", ETLT.toString(), "-o", dir.resolve("x.onnx").toString(),
                "--net-scale-factor", "0.5");

        assertThat(run.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(run.lastErrLine()).contains("need --nvinfer-config");
    }
}
