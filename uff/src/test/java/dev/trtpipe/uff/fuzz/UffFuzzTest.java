package dev.trtpipe.uff.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.trtpipe.uff.UffGraph;
import dev.trtpipe.uff.UffToOnnx;
import java.io.IOException;

/**
 * Coverage-guided fuzz test of the UFF graph reader ({@link UffGraph#read}: protobuf, graph checks,
 * ordering) and of the translation to ONNX ({@link UffToOnnx}: plan and translate). {@code mvn test}
 * replays the seeds in {@code UffFuzzTestInputs/}; {@code JAZZER_FUZZ=1} runs a campaign. Bad input must
 * fail with the documented exceptions — {@code UffFormatException} and {@code UnsupportedUffOpException}
 * (both {@link IOException}s), or an {@link IllegalArgumentException} — carrying a one-line message;
 * anything else (NullPointerException, IndexOutOfBounds, ArithmeticException, OutOfMemoryError) is a crash.
 */
class UffFuzzTest {

    private static final String ORIGIN = "fuzz.uff";

    @FuzzTest(maxDuration = "10s")
    void uffReaderAndTranslationFailOnlyWithAMessage(byte[] content) {
        try {
            UffGraph graph = UffGraph.read(content, ORIGIN);
            assertThat(graph.nodes()).isNotEmpty();
            UffToOnnx translator = UffToOnnx.standard();
            assertThat(translator.plan(graph)).isNotNull();
            assertThat(translator.translate(graph).toBytes()).isNotEmpty();
        } catch (IOException | IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
        }
    }
}
