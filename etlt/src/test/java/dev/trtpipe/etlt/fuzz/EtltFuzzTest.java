package dev.trtpipe.etlt.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.trtpipe.etlt.EtltFile;
import dev.trtpipe.etlt.EtltKey;
import dev.trtpipe.etlt.Plaintext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Coverage-guided fuzz test of the {@code .etlt} container reader (header, payload sniffing,
 * decryption). {@code mvn test} replays the seeds in {@code EtltFuzzTestInputs/}; {@code JAZZER_FUZZ=1}
 * runs a campaign. A file is either read or refused with an {@link IOException} or
 * {@link IllegalArgumentException} that names it; nothing else may escape.
 */
class EtltFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void containerReaderFailsOnlyWithAMessage(byte[] content) throws IOException {
        Path file = Files.createTempFile("fuzz", ".etlt");
        try {
            Files.write(file, content);
            try (Plaintext plain = EtltFile.read(file).decrypt(EtltKey.parse("nvidia_tlt"))) {
                assertThat(plain.kind()).isNotNull();
            } catch (IOException | IllegalArgumentException e) {
                assertThat(e.getMessage()).isNotBlank().contains(file.toString());
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
