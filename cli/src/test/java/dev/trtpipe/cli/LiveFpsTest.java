package dev.trtpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LiveFpsTest {

    @Test
    void redrawsOneLineInPlaceAndClearsIt() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LiveFps fps = new LiveFps(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, "cam.mp4");
        fps.frame(0);
        fps.frame(1); // within half a second of the first draw: not redrawn
        String drawn = bytes.toString(StandardCharsets.UTF_8);
        assertThat(drawn).matches("\rcam\\.mp4: frame 0, [0-9.]+ frames/s");
        fps.clear();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).endsWith("\r" + " ".repeat(drawn.length() - 1) + "\r");
    }

    @Test
    void silentWhenNotOnATerminal() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        LiveFps fps = new LiveFps(err, LiveFps.onTerminal(err), "cam.mp4");
        fps.frame(0);
        fps.clear();
        assertThat(bytes.size()).isZero();
    }
}
