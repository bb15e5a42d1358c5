package dev.trtpipe.etlt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.trtpipe.detect.SettingException;
import dev.trtpipe.detect.SettingFact;
import dev.trtpipe.detect.SettingIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link UffPayload} says about a missing key states the fact (the library's {@code EtltKey}); a command line
 * writes its own flag, {@code -k}, through {@link SettingFact#render}.
 */
class UffPayloadFactsTest {

    @TempDir
    Path dir;

    @Test
    void aFileThatIsNoUffGraphAsksForTheKeyAsAFact() throws Exception {
        Path notUff = Files.write(dir.resolve("model.etlt"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});

        Throwable t = catchThrowable(() -> UffPayload.readBare(notUff));

        assertThat(t).isInstanceOf(SettingIOException.class);
        assertThat(t.getMessage()).endsWith("; for an .etlt give the key with an EtltKey").doesNotContain("-k");
        assertThat(((SettingFact) t).render(s -> s == SettingException.Setting.ETLT_KEY ? "-k" : "?"))
                .isEqualTo(notUff + " is not a UFF graph (it does not start with a UFF MetaGraph header"
                        + " 08 01 10 01 1a ... tensorflow_extension); for an .etlt give the key with -k");
    }

    @Test
    void anEtltWithoutAKeyIsAFactThatTheCommandLineRendersWithItsMetavariable() throws Exception {
        Path etlt = Shared.UFF_ETLT; // NGC's LPDNet: a real .etlt, given without its key

        Throwable t = catchThrowable(() -> UffPayload.readEither(etlt, Optional.empty()));

        assertThat(t).isInstanceOf(SettingException.class);
        assertThat(t.getMessage()).isEqualTo("missing an EtltKey: " + etlt + " is an .etlt");
        assertThat(((SettingException) t).render(s -> "-k")).isEqualTo("missing -k <key>: " + etlt + " is an .etlt");
    }
}
