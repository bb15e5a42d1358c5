package dev.trtpipe.detect.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.trtpipe.detect.tao.NvinferConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Coverage-guided fuzz test of the DeepStream nvinfer config reader ({@link NvinferConfig#parse}: groups,
 * keys, values, the label file). {@code mvn test} replays the seeds in {@code NvinferConfigFuzzTestInputs/};
 * {@code JAZZER_FUZZ=1} runs a campaign. An input is the config, then (after the first NUL byte, if any)
 * the content of {@code labels.txt} beside it, so the label reader is fuzzed too. A config is read or
 * refused with an {@link IllegalArgumentException} / {@link IOException} whose one-line message names the
 * file; nothing else may escape.
 */
class NvinferConfigFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void nvinferConfigReaderFailsOnlyWithAMessage(byte[] content) throws IOException {
        Path dir = Files.createTempDirectory("fuzz-nvinfer");
        Path config = dir.resolve("config.txt");
        Path labels = dir.resolve("labels.txt");
        try {
            int nul = indexOfNul(content);
            Files.write(config, Arrays.copyOfRange(content, 0, nul));
            Files.write(labels, Arrays.copyOfRange(content, Math.min(nul + 1, content.length), content.length));
            try {
                NvinferConfig parsed = NvinferConfig.parse(config);
                assertThat(parsed.spec()).isNotNull();
                parsed.warnings().forEach(w -> assertThat(w).doesNotContain("\n"));
            } catch (IOException | IllegalArgumentException e) {
                assertThat(e.getMessage()).isNotBlank().doesNotContain("\n").contains(dir.toString());
            }
        } finally {
            Files.deleteIfExists(config);
            Files.deleteIfExists(labels);
            Files.deleteIfExists(dir);
        }
    }

    private static int indexOfNul(byte[] content) {
        for (int i = 0; i < content.length; i++) {
            if (content[i] == 0) {
                return i;
            }
        }
        return content.length;
    }
}
