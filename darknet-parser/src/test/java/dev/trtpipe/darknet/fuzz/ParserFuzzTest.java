package dev.trtpipe.darknet.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.trtpipe.darknet.DarknetModel;
import dev.trtpipe.darknet.DetectionSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Coverage-guided fuzz tests of the readers of darknet-parser. Plain {@code mvn test} replays the seed
 * corpus under {@code src/test/resources/.../ParserFuzzTestInputs/<method>/} (regression mode, well under
 * a second); {@code JAZZER_FUZZ=1 mvn test -Dtest=ParserFuzzTest} runs a campaign and adds every crash
 * it finds to that folder, where it stays as a regression test. The rule checked: a reader succeeds or
 * fails with {@link IllegalArgumentException} and a message; anything else (a
 * NullPointerException, an index out of bounds, an OutOfMemoryError) is a crash.
 */
class ParserFuzzTest {

    /** Small enough that a fuzzed [net] width=99999 is refused by the memory check, not the heap. */
    private static final long MEMORY_LIMIT = 64L << 20;

    @FuzzTest(maxDuration = "10s")
    void cfgParserFailsOnlyWithAMessage(FuzzedDataProvider data) {
        String cfg = data.consumeRemainingAsString();
        try {
            DarknetModel model = DarknetModel.parse(cfg, "fuzz.cfg", MEMORY_LIMIT);
            assertThat(model.layers()).isNotEmpty();
        } catch (IllegalArgumentException e) {
            assertHasAMessage(e);
        }
    }

    /** The ONNX / sidecar metadata reader, fed {@code key=value} lines. */
    @FuzzTest(maxDuration = "10s")
    void metadataReaderFailsOnlyWithAMessage(FuzzedDataProvider data) {
        Map<String, String> metadata = new LinkedHashMap<>();
        for (String line : data.consumeRemainingAsString().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                metadata.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        try {
            DetectionSpec spec = DetectionSpec.fromMetadata(metadata);
            assertThat(spec.heads()).isNotEmpty();
        } catch (IllegalArgumentException e) {
            assertHasAMessage(e);
        }
    }

    /** The CLI prints the message as the one line the user sees, so there must be one. */
    private static void assertHasAMessage(Exception e) {
        assertThat(e.getMessage()).isNotBlank();
    }
}
