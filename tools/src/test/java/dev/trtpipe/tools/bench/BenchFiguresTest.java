package dev.trtpipe.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The arithmetic behind bench-detect's figures: budgets, medians over rounds, ratios. */
class BenchFiguresTest {

    @Test
    void aBudgetIsCountedOrTimedAndWarmsUpWithAFifth() {
        Budget counted = Budget.ofIterations(100);
        assertThat(counted.spent(99, Long.MAX_VALUE)).isFalse();
        assertThat(counted.spent(100, 0)).isTrue();
        assertThat(counted.warmup()).isEqualTo(Budget.ofIterations(20));
        assertThat(Budget.ofIterations(8).warmup()).isEqualTo(Budget.ofIterations(5));

        Budget timed = Budget.ofSeconds(2);
        assertThat(timed.spent(1_000_000, 1_999_999_999L)).isFalse();
        assertThat(timed.spent(1, 2_000_000_000L)).isTrue();
        assertThat(timed.warmup()).isEqualTo(Budget.ofSeconds(0.4));

        assertThatThrownBy(() -> new Budget(10, 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Budget(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theMedianRoundIsChosenByThroughputNotByOrder() {
        StageRuns runs = new StageRuns(List.of(new Throughput(100, 1.0), new Throughput(100, 4.0), new Throughput(100, 2.0)));

        assertThat(runs.median()).isEqualTo(new Throughput(100, 2.0));
        assertThat(runs.slowestPerSecond()).isEqualTo(25.0);
        assertThat(runs.fastestPerSecond()).isEqualTo(100.0);
        assertThat(new Throughput(90, 1.0).relativeTo(new Throughput(200, 2.0))).isEqualTo(0.9);
    }

    @Test
    void theTargetIsJudgedAgainstTheEnqueueLoopAndTheGraphLoopIsReportedBesideIt() {
        var subject = new DetectBenchResult.Subject("m.plan", "tensorrt", 320, 320, "dog.png", 768, 576, 8);
        StageRuns enqueue = runs(1500);
        StageRuns graph = runs(2200);
        DetectBenchResult pooledFast = new DetectBenchResult(subject, 12, 2, Budget.ofSeconds(1), 1, runs(1300),
                Optional.of(enqueue), Optional.of(graph), runs(500), runs(2250));
        DetectBenchResult pooledSlow = new DetectBenchResult(subject, 12, 1, Budget.ofSeconds(1), 1, runs(1300),
                Optional.of(enqueue), Optional.empty(), runs(500), runs(1200));

        assertThat(pooledFast.meetsTarget()).isTrue();
        assertThat(pooledFast.pooledRatio()).isEqualTo(1.5);
        assertThat(pooledFast.verdict()).contains("150.0% of the engine-only throughput: MEETS")
                .contains("102.3% of the CUDA-graph launch loop");
        assertThat(pooledSlow.meetsTarget()).isFalse();
        assertThat(pooledSlow.verdict()).contains("80.0%").contains("BELOW").doesNotContain("CUDA-graph");
        assertThat(DetectBenchReport.table(pooledFast)).contains("(b') engine only: graph launch + sync");
        assertThat(DetectBenchReport.json(pooledFast)).contains("\"engine_only_cuda_graph\":{");
        assertThat(DetectBenchReport.json(pooledSlow)).contains("\"engine_only_cuda_graph\":null");
    }

    private static StageRuns runs(double imagesPerSecond) {
        return new StageRuns(List.of(new Throughput(Math.round(imagesPerSecond), 1.0)));
    }
}
