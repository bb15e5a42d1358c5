package dev.trtpipe.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VideoReaderTest {

    @TempDir
    Path tmp;

    static List<VideoFrame> readAll(VideoReader reader) {
        List<VideoFrame> frames = new ArrayList<>();
        for (Optional<VideoFrame> f = reader.next(true); f.isPresent(); f = reader.next(true)) {
            frames.add(f.get());
        }
        return frames;
    }

    @ParameterizedTest
    @ValueSource(strings = {"clip.mp4", "clip.mkv", "clip.mov", "clip.avi"})
    void readsEveryFrameWithItsTimestamp(String name) throws Exception {
        Path video = TestVideos.write(tmp.resolve(name), 12, 10, 160, 120);
        try (VideoReader reader = VideoReader.open(VideoSource.parse(video.toString()), RetryPolicy.of(0), Duration.ofSeconds(5))) {
            assertThat(reader.width()).isEqualTo(160);
            assertThat(reader.height()).isEqualTo(120);
            assertThat(reader.frameRate()).isCloseTo(10, org.assertj.core.data.Offset.offset(0.01));
            List<VideoFrame> frames = readAll(reader);
            assertThat(frames).extracting(VideoFrame::index).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
            // 10 fps: frame i is shown at i·100 ms
            assertThat(frames).extracting(VideoFrame::timestampMs)
                    .containsExactly(0L, 100L, 200L, 300L, 400L, 500L, 600L, 700L, 800L, 900L, 1000L, 1100L);
            assertThat(frames.get(5).toRgb().width()).isEqualTo(160);
            assertThat(reader.corruptFrames()).isZero();
            assertThat(reader.droppedFrames()).isZero();
            assertThat(reader.lostReason()).isEmpty();
        }
    }

    @Test
    void decodedPixelsAreTheEncodedPicture() throws Exception {
        Path video = TestVideos.write(tmp.resolve("clip.mp4"), 3, 10, 160, 120);
        var expected = TestVideos.frame(1, 160, 120);
        try (VideoReader reader = VideoReader.open(VideoSource.parse(video.toString()), RetryPolicy.of(0), Duration.ofSeconds(5))) {
            reader.next(true);
            var image = reader.next(true).orElseThrow().toRgb();
            // lossy H.264 (openh264 caps the quality of tiny frames): the mean error per sample stays small, and
            // far below what R and B swapped would give
            double sum = 0;
            double swapped = 0;
            for (int y = 0; y < 120; y++) {
                for (int x = 0; x < 160; x++) {
                    int rgb = expected.getRGB(x, y);
                    sum += Math.abs(image.sample(0, x, y) - (rgb >> 16 & 0xFF)) + Math.abs(image.sample(2, x, y) - (rgb & 0xFF));
                    swapped += Math.abs(image.sample(2, x, y) - (rgb >> 16 & 0xFF)) + Math.abs(image.sample(0, x, y) - (rgb & 0xFF));
                }
            }
            assertThat(sum / (2 * 160 * 120)).isLessThan(10);
            assertThat(sum).isLessThan(swapped / 3);
        }
    }

    /** Garbage over the middle of an MPEG-TS clip (as packet loss leaves it): damaged frames are counted and skipped. */
    @Test
    void damagedFramesAreCountedAndSkipped() throws Exception {
        Path video = TestVideos.write(tmp.resolve("clip.ts"), 40, 10, 320, 240);
        byte[] bytes = Files.readAllBytes(video);
        java.util.Random random = new java.util.Random(7);
        for (int packet = 188 * 40; packet + 188 < bytes.length * 3 / 4; packet += 188 * 7) {
            for (int i = packet + 20; i < packet + 188; i++) {
                bytes[i] = (byte) random.nextInt(); // the payload only: the TS sync bytes and headers stay
            }
        }
        Files.write(video, bytes);
        try (VideoReader reader = VideoReader.open(VideoSource.parse(video.toString()), RetryPolicy.of(0), Duration.ofSeconds(5))) {
            List<VideoFrame> frames = readAll(reader);
            assertThat(reader.corruptFrames()).isPositive();
            // every one of the 40 frames is accounted for: delivered, flagged damaged, or missing from the timeline
            assertThat(frames.size() + reader.corruptFrames() + reader.droppedFrames()).isEqualTo(40);
            assertThat(frames).extracting(VideoFrame::index).isSorted().doesNotHaveDuplicates();
            assertThat(frames).isNotEmpty();
        }
    }

    @Test
    void aFileWithoutVideoIsOneLineWithTheFix() throws Exception {
        Path audio = TestVideos.audioOnly(tmp.resolve("sound.mp4"));
        assertThatThrownBy(() -> VideoReader.open(VideoSource.parse(audio.toString()), RetryPolicy.of(3), Duration.ofSeconds(1)))
                .isInstanceOf(VideoInputException.class)
                .hasMessage(audio + ": has no video stream (audio or data only?); give a file or stream with video (ffprobe lists its streams)");
    }

    @Test
    void aFileThatIsNotAVideoCannotBeOpened() throws Exception {
        Path text = Files.writeString(tmp.resolve("notes.mp4"), "not a video\n");
        assertThatThrownBy(() -> VideoReader.open(VideoSource.parse(text.toString()), RetryPolicy.of(0), Duration.ofSeconds(1)))
                .isInstanceOf(VideoInputException.class)
                .hasMessageStartingWith(text + ": cannot open (")
                .hasMessageEndingWith("is it a video file FFmpeg can read (mp4, mkv, avi, mov)?")
                .message().doesNotContain("\n");
    }

    @Test
    void aMissingFileIsReportedBeforeFfmpeg() {
        assertThatThrownBy(() -> VideoSource.parse(tmp.resolve("missing.mp4").toString()))
                .isInstanceOf(VideoInputException.class).hasMessageContaining("no such video file");
    }

    @Test
    void sourcesAreClassified() throws Exception {
        // any device node is read as a camera (a /dev/videoN that does not exist is refused: CameraNodeTest)
        assertThat(VideoSource.parse("/dev/null").kind()).isEqualTo(VideoSource.Kind.CAMERA);
        assertThat(VideoSource.parse("rtsp://cam.local:554/stream1").kind()).isEqualTo(VideoSource.Kind.STREAM);
        assertThat(VideoSource.parse("RTSP://cam/x").scheme()).isEqualTo("rtsp");
        assertThat(VideoSource.parse("https://example.org/live.m3u8").live()).isTrue();
    }

    @Test
    void backoffDoublesUpToItsCap() {
        RetryPolicy p = new RetryPolicy(6, Duration.ofMillis(100), Duration.ofMillis(500));
        assertThat(List.of(p.backoff(1), p.backoff(2), p.backoff(3), p.backoff(4), p.backoff(6)))
                .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400),
                        Duration.ofMillis(500), Duration.ofMillis(500));
    }
}
