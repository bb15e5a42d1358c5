package dev.trtpipe.uff;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OneLineTest {

    @Test
    void controlCharactersFromTheFileBecomeEscapes() {
        assertThat(OneLine.of("node 'a\nb\r\tc\u0001' x")).isEqualTo("node 'a\\nb\\r\\tc\\u0001' x");
    }

    @Test
    void formatExceptionsAreOneLine() {
        assertThat(new UffFormatException("m.uff: node 'x\ny'").getMessage()).isEqualTo("m.uff: node 'x\\ny'");
        assertThat(new UnsupportedUffOpException("m.uff", "n\n", "Op\n", "unknown").getMessage())
                .doesNotContain("\n").startsWith("m.uff: UFF node 'n\\n' has operation 'Op\\n', unknown");
    }
}
