package dev.trtpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trtpipe.detect.testing.SharedRefs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eval} on the UFF translation of usa_pruned.etlt with its nvinfer spec embedded (no config given), against
 * the plates labelled by eye (eval/src/test/resources/handlabelled/plates.json).
 */
class EvalTranslatedUffTest {

    @TempDir
    Path dir;

    @Test
    void theEmbeddedSpecIsAllEvalNeeds() throws Exception {
        Path onnx = dir.resolve("usa_pruned.onnx");
        CliRun convert = CliRun.of("etlt2onnx", "-k", "nvidia_tlt", SharedRefs.resolve("etlt/usa_pruned.etlt").toString(), "-o",
                onnx.toString(), "--nvinfer-config", SharedRefs.resolve("etlt/lpdnet_onnx/sgie_lpd_DetectNet2_us.txt").toString());
        assertThat(convert.exit()).as(convert.err()).isEqualTo(ExitCode.OK);

        CliRun run = CliRun.of("eval", "--data", "../eval/src/test/resources/handlabelled/plates.json", "--images",
                SharedRefs.resolve("images").toString(), "--model", onnx.toString(), "--json");

        assertThat(run.exit()).as(run.err()).isZero();
        double[] coco = new ObjectMapper().convertValue(new ObjectMapper().readTree(run.out()).get("coco"), double[].class);
        // The older weights find the US plate (box 210,365–345,426 against 213,370–346,431 by eye: IoU 0.84) and
        // nothing on the UK plate even at eval's 0.005. One of two plates at precision 1 is recall 0.5: 51 of COCO's
        // 101 recall points; it is a hit at the IoU thresholds 0.50 … 0.80, 7 of 10.
        assertThat(coco[1]).as("AP50").isCloseTo(51.0 / 101, within(1e-9));
        assertThat(coco[0]).as("AP").isCloseTo(7 * 51.0 / 101 / 10, within(1e-9));
        assertThat(coco[8]).as("AR100").isCloseTo(7 * 0.5 / 10, within(1e-9));
    }
}
