package dev.trtpipe.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code bench-detect --batches --gpu-preprocess}'s report (measured only on the GPU machine): the GPU pool's
 * column and JSON fields, with ratios against the same engine-only baseline as the CPU pool's; absent without it.
 */
class BatchSweepReportGpuTest {

    private static StageRuns runs(long... images) {
        return new StageRuns(java.util.Arrays.stream(images).mapToObj(n -> new Throughput(n, 1.0)).toList());
    }

    private static BatchSweep.Result result(Optional<StageRuns> gpu) {
        BatchSweep.Row row = new BatchSweep.Row(32, "engine_only", runs(20000, 22000, 21000), Optional.empty(), runs(9000, 8000, 8500), gpu, 224);
        return new BatchSweep.Result("yf.plan", "tensorrt", "dog.png", 16, 8, 3, Budget.ofSeconds(1), List.of(row));
    }

    @Test
    void theGpuPoolGetsItsOwnColumnAndRatio() throws Exception {
        BatchSweep.Result r = result(Optional.of(runs(17000, 19000, 18000)));

        JsonNode row = new ObjectMapper().readTree(BatchSweepReport.json(r)).get("batches").get(0);
        assertThat(row.get("detect_pooled_gpu_preprocess_images_per_second").asDouble()).isEqualTo(18000.0);
        assertThat(row.get("gpu_preprocess_ratio").asDouble()).isCloseTo(18000.0 / 21000.0, within(1e-9));
        assertThat(row.get("ratio").asDouble()).isCloseTo(8500.0 / 21000.0, within(1e-9));
        assertThat(BatchSweepReport.table(r)).contains("gpu-preprocess img/s").containsPattern("(?m)^ +32 +21000\\.0 +- +8500\\.0 +40\\.5% +18000\\.0 +85\\.7%$");
    }

    @Test
    void withoutItTheReportIsAsBefore() throws Exception {
        BatchSweep.Result r = result(Optional.empty());

        assertThat(new ObjectMapper().readTree(BatchSweepReport.json(r)).get("batches").get(0).has("gpu_preprocess_ratio")).isFalse();
        assertThat(BatchSweepReport.table(r)).doesNotContain("gpu-preprocess").containsPattern("(?m)^ +32 +21000\\.0 +- +8500\\.0 +40\\.5%$");
    }
}
