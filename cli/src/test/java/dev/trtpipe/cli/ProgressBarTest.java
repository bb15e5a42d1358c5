package dev.trtpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void showsDoneTotalRateAndTimeLeft() {
        // 450 of 1000 in 0.5 s: 900 images/s, 550 left take 0.61 s, rounded to 0:01
        assertThat(ProgressBar.line(450, 0, 0.5, 1000)).isEqualTo("[##########..............] 450/1000  900.0 images/s  ETA 0:01");
        // 30 of 4030 in 60 s: 0.5 images/s, 4000 left take 8000 s = 133:20
        assertThat(ProgressBar.line(30, 2, 60, 4030)).isEqualTo("[........................] 30/4030  0.5 images/s  ETA 133:20  (2 failed)");
        assertThat(ProgressBar.line(0, 0, 0, 10)).endsWith("0/10  0.0 images/s  ETA ?");
    }

    @Test
    void redrawsInPlaceAndWipesItself() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), 2, false);
        bar.update(1, 0);
        bar.clearForStdout(); // stdout is not on the terminal: the bar stays
        bar.update(2, 0); // the last image is always drawn
        bar.clear();
        String written = bytes.toString(StandardCharsets.UTF_8);
        assertThat(written).startsWith("\r[############............] 1/2  ").contains("\r[########################] 2/2  ")
                .endsWith("\033[K\r\033[K").doesNotContain("\n");
    }
}
