package dev.trtpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trtpipe.detect.testing.ReplayModels;
import dev.trtpipe.video.RtspRelay;
import dev.trtpipe.video.TestVideos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code detect --video rtsp://…} against a real RTSP server on loopback ({@link RtspRelay}), cameras that are not
 * there, and the end-of-run line and exit code when some sources fail.
 */
class DetectStreamsTest {

    private static final int FRAMES = 8;

    @TempDir
    Path tmp;

    private Path model;
    private Path clip;
    private RtspRelay relay;

    @BeforeEach
    void prepare() throws Exception {
        model = Files.write(tmp.resolve("yolo-fastest-replay.onnx"), ReplayModels.yoloFastest("trained/alexeyab/yolo-fastest-1.1_dog_resize"));
        clip = TestVideos.write(tmp.resolve("clip.mp4"), FRAMES, 10, 160, 120);
        relay = RtspRelay.start();
        relay.publish(clip, "cam1");
    }

    @AfterEach
    void stop() throws Exception {
        relay.close();
    }

    @Test
    void anRtspStreamDroppingMidwayIsRetriedThenReportedInOneLineWithExit1() throws Exception {
        relay.sessions(List.of(3, RtspRelay.WHOLE)); // drops after 3 frames, comes back once, then is gone
        String url = relay.url("cam1");

        CliRun run = CliRun.of("detect", "--model", model.toString(), "--video", url, "--stream-retries", "1");

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.BAD_INPUT);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : run.out().lines().toList()) {
            lines.add(new ObjectMapper().readTree(line));
        }
        assertThat(lines).extracting(j -> j.get("frame").asLong()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(lines).extracting(j -> j.get("timestamp_ms").asLong()).isSorted().doesNotHaveDuplicates();
        assertThat(lines).allSatisfy(j -> {
            assertThat(j.get("source").asText()).isEqualTo(url);
            assertThat(j.get("detections").size()).isEqualTo(8); // the replayed dog detections
        });
        assertThat(run.err()).contains(url + ": 11 frames decoded, 11 detected in ")
                .contains("0 corrupt skipped, 0 dropped, 1 reconnects");
        assertThat(run.lastErrLine()).isEqualTo("trtpipe detect: " + url + ": stream lost after 11 frames (the stream ended);"
                + " 1 reconnect attempt(s) failed (last: " + url + ": cannot open (Server returned 404 Not Found); check that the"
                + " URL is right and the server is up and reachable from here); check the camera or server, or raise --stream-retries");
    }

    @Test
    void someSourcesFailingIsOneLineAtTheEndAndExit1() throws Exception {
        relay.sessions(List.of(RtspRelay.WHOLE));
        String url = relay.url("cam1");
        String camera = "/dev/video" + (900 + ProcessHandle.current().pid() % 99);

        CliRun run = CliRun.of("detect", "--model", model.toString(), "--video", clip.toString(), "--video", url,
                "--stream-retries", "0", "--every", "4");

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.out().lines()).hasSize(4);
        assertThat(run.lastErrLine()).isEqualTo("2 videos: 1 could not be read or were lost (listed above)");
        assertThat(run.err()).contains("trtpipe detect: " + url + ": stream lost after 8 frames (the stream ended)");

        CliRun files = CliRun.of("detect", "--model", model.toString(), "--video", clip.toString(), "--video", clip.toString(),
                "--every", "4");
        assertThat(files.exit()).as(files.err()).isEqualTo(ExitCode.OK);
        assertThat(files.lastErrLine()).isEqualTo("2 videos: all read");

        if (!Files.exists(Path.of(camera))) { // a camera that is not there: refused before the model loads
            CliRun cam = CliRun.of("detect", "--model", model.toString(), "--video", camera);
            assertThat(cam.exit()).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(cam.err()).isEqualTo("trtpipe detect: " + camera + ": no such camera (the device node does not exist);"
                    + " plug the camera in, or name one that is there: 'v4l2-ctl --list-devices' or 'ls /dev/video*' lists the"
                    + " cameras" + System.lineSeparator());
        }
    }

    @Test
    void rtspTransportUdpIsUsedWhenAskedAndAnythingElseIsAUsageError() throws Exception {
        relay.sessions(List.of(RtspRelay.WHOLE));
        String url = relay.url("cam1");

        CliRun run = CliRun.of("detect", "--model", model.toString(), "--video", url, "--rtsp-transport", "udp",
                "--stream-retries", "0", "--every", "2");

        assertThat(relay.transports()).containsExactly("udp");
        assertThat(run.out().lines()).hasSize(FRAMES / 2);
        assertThat(run.err()).contains(url + ": 8 frames decoded, 4 detected in ");
        CliRun sctp = CliRun.of("detect", "--model", model.toString(), "--video", url, "--rtsp-transport", "sctp");
        assertThat(sctp.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(sctp.err()).contains("--rtsp-transport must be tcp or udp, got 'sctp'");
    }
}
