package dev.trtpipe.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoWriterTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"out.mp4", "out.avi", "out.mkv"})
    void writtenVideoReadsBackWithEveryFrame(String name) throws Exception {
        Path out = tmp.resolve(name);
        String codec;
        try (VideoWriter w = VideoWriter.open(out, VideoContainer.forFile(out), 161, 121, 12.5)) {
            codec = w.codecName();
            for (int i = 0; i < 7; i++) {
                w.write(TestVideos.frame(i, 161, 121));
            }
        }
        assertThat(codec).isEqualTo(name.endsWith(".avi") ? "MPEG-4" : "H.264");
        try (VideoReader r = VideoReader.open(VideoSource.parse(out.toString()), RetryPolicy.of(0), Duration.ofSeconds(5))) {
            assertThat(r.width()).isEqualTo(160); // odd sizes lose a column for 4:2:0
            assertThat(r.height()).isEqualTo(120);
            assertThat(r.frameRate()).isCloseTo(12.5, org.assertj.core.data.Offset.offset(0.01));
            assertThat(VideoReaderTest.readAll(r)).hasSize(7);
        }
    }

    @Test
    void unknownContainerNamesTheChoices() {
        assertThatThrownBy(() -> VideoContainer.forFile(Path.of("out.gif")))
                .hasMessage("out.gif: unknown video container 'gif'; name the output .mp4, .mkv, .mov or .avi");
    }
}
