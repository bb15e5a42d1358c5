package dev.trtpipe.trt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The candidate prefilter's kernel on the GPU against its Java reference ({@code bench-detect --gpu-preprocess} and
 * {@code gpu/prefilter.sh} print the same table). Skipped without TensorRT and a GPU, or without NVRTC.
 */
@EnabledIf(value = "dev.trtpipe.trt.TrtAvailability#isAvailable", disabledReason = "needs TensorRT 10 and an NVIDIA GPU")
class CandidateCheckGpuTest {

    @Test
    void theKernelSelectsAndLaysOutAsTheJavaReference() {
        Optional<String> reason = GpuPreprocessing.unavailableReason();
        assumeTrue(reason.isEmpty(), () -> reason.orElse(""));
        List<CandidateCheck.Row> rows = CandidateCheck.run();

        assertThat(rows).hasSize(10).allSatisfy(r -> assertThat(r.passed()).as(CandidateCheck.table(rows, "candidate prefilter check")).isTrue());
        assertThat(rows).anySatisfy(r -> assertThat(r.overflowed()).isTrue());
    }
}
