package dev.trtpipe.trt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trtpipe.detect.preprocess.ImageLoader;
import dev.trtpipe.detect.preprocess.RgbImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The GPU kernel's arithmetic, checked without a GPU: {@link DarknetInputEmulation} runs the CUDA source's
 * per-thread steps on the CPU, and {@link GpuPreprocessCheck} compares them with the Java resize kernel
 * (itself bit-exact with darknet's own tensors, PreprocessorReferenceTest) on every awkward size. The GPU
 * machine runs the same check on the real kernel (gpu/pinned.sh).
 */
class GpuPreprocessCheckTest {

    private static final Path SHARED = Path.of(System.getProperty("trtpipe.shared", "../shared"));

    @Test
    void theKernelsStepsGiveTheJavaKernelsBitsOnEveryCase() throws Exception {
        RgbImage dog = ImageLoader.load(SHARED.resolve("images/dog_decoded.png"));
        List<GpuPreprocessCheck.Case> cases = GpuPreprocessCheck.cases(Optional.of(dog), "dog_decoded.png");

        List<GpuPreprocessCheck.Row> rows = GpuPreprocessCheck.run(cases, DarknetInputEmulation.exact());

        assertThat(rows).hasSize(cases.size());
        assertThat(rows).allSatisfy(r -> assertThat(r.differing()).as(r.c().image() + " into " + r.c().netWidth() + "x" + r.c().netHeight()
                + (r.c().letterbox() ? " letterbox " : " resize ") + r.firstDifference().orElse("")).isZero());
        assertThat(GpuPreprocessCheck.table(rows, "emulation")).contains("PASS (44 of 44 cases bit-identical)");
    }

    @Test
    void theCasesCoverOnePixelSidesAndLetterboxBands() {
        List<GpuPreprocessCheck.Row> rows = GpuPreprocessCheck.run(GpuPreprocessCheck.cases(Optional.empty(), ""), DarknetInputEmulation.exact());

        // 3000x17 letterboxed into 416x416: a 416x2 band at row 207; 13x2500 into 320x192: a 1x192 column
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.c().image()).isEqualTo("3000x17 noise");
            assertThat(r.c().letterbox()).isTrue();
            assertThat(r.scaledWidth()).isEqualTo(416);
            assertThat(r.scaledHeight()).isEqualTo(2);
        });
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.c().image()).isEqualTo("13x2500 noise");
            assertThat(r.c().netWidth()).isEqualTo(320);
            assertThat(r.c().letterbox()).isTrue();
            assertThat(r.scaledWidth()).isEqualTo(1);
        });
    }

    @Test
    void aFusedMultiplyAddIsCaught() {
        List<GpuPreprocessCheck.Row> rows = GpuPreprocessCheck.run(GpuPreprocessCheck.cases(Optional.empty(), ""), DarknetInputEmulation.fused());

        assertThat(rows.stream().mapToLong(GpuPreprocessCheck.Row::differing).sum()).isPositive();
        assertThat(GpuPreprocessCheck.table(rows, "fused")).contains("FAIL");
    }
}
