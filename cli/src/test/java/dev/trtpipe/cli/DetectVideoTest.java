package dev.trtpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trtpipe.detect.testing.ReplayModels;
import dev.trtpipe.video.RetryPolicy;
import dev.trtpipe.video.TestVideos;
import dev.trtpipe.video.VideoReader;
import dev.trtpipe.video.VideoSource;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trtpipe detect --video} on a short clip made from darknet's dog, with a replay model. */
class DetectVideoTest {

    @TempDir
    Path tmp;

    private Path model;
    private Path clip;

    @BeforeEach
    void prepare() throws Exception {
        model = Files.write(tmp.resolve("yolo-fastest-replay.onnx"), ReplayModels.yoloFastest("trained/alexeyab/yolo-fastest-1.1_dog_resize"));
        clip = TestVideos.write(tmp.resolve("clip.mp4"), 12, 10, 160, 120);
    }

    @Test
    void everyThirdFrameIsOneJsonLineAndTheAnnotatedVideoHasThoseFrames() throws Exception {
        Path out = tmp.resolve("annotated.mp4");
        CliRun run = CliRun.of("detect", "--model", model.toString(), "--video", clip.toString(), "--every", "3",
                "--out-video", out.toString());

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.OK);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : run.out().lines().toList()) {
            lines.add(new ObjectMapper().readTree(line));
        }
        assertThat(lines).extracting(j -> j.get("frame").asLong()).containsExactly(0L, 3L, 6L, 9L);
        assertThat(lines).extracting(j -> j.get("timestamp_ms").asLong()).containsExactly(0L, 300L, 600L, 900L);
        assertThat(lines).allSatisfy(j -> {
            assertThat(j.get("source").asText()).isEqualTo(clip.toString());
            assertThat(j.get("width").asInt()).isEqualTo(160);
            assertThat(j.get("detections").size()).isEqualTo(8); // the replayed dog detections
        });
        assertThat(run.err()).contains(clip + ": 12 frames decoded, 4 detected in ")
                .contains("0 corrupt skipped, 0 dropped, 0 reconnects, wrote " + out + " (H.264, 4 frames)");
        try (VideoReader reader = VideoReader.open(VideoSource.parse(out.toString()), RetryPolicy.of(0), Duration.ofSeconds(5))) {
            int frames = 0;
            while (reader.next(false).isPresent()) {
                frames++;
            }
            assertThat(frames).isEqualTo(4);
            assertThat(reader.frameRate()).isCloseTo(10.0 / 3, org.assertj.core.data.Offset.offset(0.01));
        }
        try (var listing = Files.list(tmp)) {
            assertThat(listing.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void aVideoWithoutAVideoStreamIsOneLineAndExit1() throws Exception {
        Path audio = TestVideos.audioOnly(tmp.resolve("talk.mp4"));
        Path out = tmp.resolve("out.mp4");
        CliRun run = CliRun.of("detect", "--model", model.toString(), "--video", audio.toString(), "--out-video", out.toString());

        assertThat(run.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.lastErrLine()).isEqualTo("trtpipe detect: " + audio + ": has no video stream (audio or data only?);"
                + " give a file or stream with video (ffprobe lists its streams)");
        assertThat(out).doesNotExist();
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aFailingSourceIsReportedAndTheOthersStillRun() throws Exception {
        Path audio = TestVideos.audioOnly(tmp.resolve("talk.mp4"));
        CliRun run = CliRun.of("detect", "--model", model.toString(), "--video", audio.toString(), "--video", clip.toString(),
                "--every", "6");

        assertThat(run.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.out().lines()).hasSize(2).allMatch(l -> l.startsWith("{\"source\":\"" + clip + "\""));
        assertThat(run.err()).contains("trtpipe detect: " + audio + ": has no video stream")
                .contains(clip + ": 12 frames decoded, 2 detected in ");
    }

    @Test
    void anUnreachableStreamIsReportedAfterItsRetries() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String url = "rtsp://127.0.0.1:" + port + "/cam1";
        CliRun run = CliRun.of("detect", "--model", model.toString(), "--video", url, "--stream-retries", "1");

        assertThat(run.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.lastErrLine()).startsWith("trtpipe detect: " + url + ": cannot open (")
                .endsWith("check that the URL is right and the server is up and reachable from here");
    }

    @Test
    void badVideoUsageIsExit2AndAMissingFileExit1() {
        assertThat(CliRun.of("detect", "--model", model.toString(), "--video", clip.toString(), "--image", "x.png").exit())
                .isEqualTo(ExitCode.USAGE);
        CliRun twoOuts = CliRun.of("detect", "--model", model.toString(), "--video", clip.toString(), "--out-video", "a.mp4",
                "--out-video", "b.mp4");
        assertThat(twoOuts.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(twoOuts.err()).contains("give one --out-video per --video (got 2 for 1)");
        CliRun gif = CliRun.of("detect", "--model", model.toString(), "--video", clip.toString(), "--out-video", "a.gif");
        assertThat(gif.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of("detect", "--model", model.toString(), "--video", clip.toString(), "--every", "0").exit())
                .isEqualTo(ExitCode.USAGE);
        CliRun missing = CliRun.of("detect", "--model", "no-such-model.onnx", "--video", tmp.resolve("gone.mkv").toString());
        assertThat(missing.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(missing.err()).contains("gone.mkv: no such video file");
    }
}
