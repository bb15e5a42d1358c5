package dev.trtpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trtpipe.detect.testing.SharedRefs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench-detect --batches} on ONNX Runtime (the CPU route; engines need the GPU, see gpu/batch.sh):
 * one row per batch size, each ratio consistent with the row's own figures.
 */
class BenchDetectBatchesTest {

    @TempDir
    Path tmp;

    @Test
    void reportsEveryBatchSizeAgainstTheBackendAlone() throws Exception {
        Path dir = SharedRefs.resolve("models/darknet/trained/yolo-fastest-1.1_coco");
        Path onnx = tmp.resolve("yolo-fastest-n.onnx");
        CliRun convert = CliRun.of("darknet2onnx", "--cfg", dir.resolve("yolo-fastest-1.1.cfg").toString(), "--weights",
                dir.resolve("yolo-fastest-1.1.weights").toString(), "-o", onnx.toString(), "--dynamic-batch");
        assertThat(convert.exit()).as(convert.err()).isZero();

        CliRun run = CliRun.of("bench-detect", "--model", onnx.toString(), "--image", SharedRefs.resolve("images/dog_decoded.png").toString(),
                "--batches", "1,3", "--iterations", "4", "--rounds", "1", "--threads", "2", "--json");

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.OK);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("backend").asText()).isEqualTo("onnxruntime-cpu");
        assertThat(json.get("batches")).hasSize(2);
        for (int i = 0; i < 2; i++) {
            JsonNode row = json.get("batches").get(i);
            assertThat(row.get("batch").asInt()).isEqualTo(i == 0 ? 1 : 3);
            assertThat(row.get("baseline").asText()).isEqualTo("backend_only");
            // 768x576: 256 MiB of distinct copies is 203 images, in whole batches
            assertThat(row.get("distinct_images").asInt()).isEqualTo(i == 0 ? 203 : 204);
            assertThat(row.get("ratio").asDouble()).isCloseTo(row.get("detect_pooled_images_per_second").asDouble()
                    / row.get("baseline_images_per_second").asDouble(), within(1e-9));
        }
        assertThat(run.err()).contains("batch", "% of backend-only").containsPattern("(?m)^ +3 +[0-9.]+ +- +[0-9.]+ +[0-9.]+%$")
                .contains("pooled runs cycled through 203 (batch 1), 204 (batch 3) distinct copies of the image");
    }

    @Test
    void badBatchListsAreUsageErrors() throws Exception {
        CliRun run = CliRun.of("bench-detect", "--model", "x.onnx", "--image", "y.png", "--batches", "1,0");
        assertThat(run.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("--batches must be distinct batch sizes from 1 to 4096");
    }
}
