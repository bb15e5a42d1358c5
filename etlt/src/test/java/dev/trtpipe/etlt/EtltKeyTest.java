package dev.trtpipe.etlt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EtltKeyTest {

    private static final String NVIDIA_TLT_AES = "ea82d654e0bf5d97af42c4dcd6bff6cc69143a97e343b6ae8d12c6bb18be5410";

    @TempDir
    Path dir;

    @Test
    void literalKey() throws IOException {
        EtltKey key = EtltKey.parse("nvidia_tlt", name -> null);

        assertThat(HexFormat.of().formatHex(key.aesKey())).isEqualTo(NVIDIA_TLT_AES);
        assertThat(key.source()).isEqualTo("the key given");
    }

    @Test
    void keyFromTheEnvironment() throws IOException {
        EtltKey key = EtltKey.parse("env:NGC_KEY", Map.of("NGC_KEY", "nvidia_tlt")::get);

        assertThat(HexFormat.of().formatHex(key.aesKey())).isEqualTo(NVIDIA_TLT_AES);
        assertThat(key.source()).isEqualTo("the key in $NGC_KEY");
        assertThat(key.toString()).doesNotContain("nvidia_tlt");
    }

    @Test
    void keyFromAFileWithoutItsNewline() throws IOException {
        Path file = Files.writeString(dir.resolve("key.txt"), "nvidia_tlt\n");

        EtltKey key = EtltKey.parse("file:" + file, name -> null);

        assertThat(HexFormat.of().formatHex(key.aesKey())).isEqualTo(NVIDIA_TLT_AES);
        assertThat(key.source()).isEqualTo("the key in " + file);
    }

    @Test
    void rejectsAnEmptyKey() {
        assertThatThrownBy(() -> EtltKey.of(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("empty key (the key given): pass the key the model was exported with; NGC models use nvidia_tlt, tlt_encode or nvidia_tao");
    }

    @Test
    void rejectsAnEmptyKeyFile() throws IOException {
        Path file = Files.writeString(dir.resolve("empty.txt"), "\n");

        assertThatThrownBy(() -> EtltKey.parse("file:" + file, name -> null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("empty key (the key in " + file + ")");
    }

    @Test
    void rejectsAnUnsetVariable() {
        assertThatThrownBy(() -> EtltKey.parse("env:NO_SUCH_KEY", name -> null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("environment variable NO_SUCH_KEY is not set (key given as env:NO_SUCH_KEY)");
    }
}
