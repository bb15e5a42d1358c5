package dev.trtpipe.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trtpipe.darknet.HeadMode;
import dev.trtpipe.detect.DetectionResult;
import dev.trtpipe.detect.Detector;
import dev.trtpipe.detect.DetectorSettings;
import dev.trtpipe.detect.onnxrt.OnnxRuntimeBackend;
import dev.trtpipe.detect.testing.ConvertedModels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code rtsp://} path for real, on loopback: {@link RtspRelay} serves an H.264 clip that FFmpeg's RTSP muxer
 * published into it (RTP interleaved over TCP), and {@link VideoReader} plays it as it would a camera.
 */
class RtspStreamTest {

    private static final int FRAMES = 8;
    private static final RetryPolicy FAST = new RetryPolicy(2, Duration.ofMillis(20), Duration.ofMillis(40));

    @TempDir
    Path tmp;

    private RtspRelay relay;
    private Path clip;

    @BeforeEach
    void publish() throws Exception {
        clip = TestVideos.write(tmp.resolve("clip.mp4"), FRAMES, 10, 320, 240);
        relay = RtspRelay.start();
        relay.publish(clip, "cam1");
        assertThat(relay.publishedFrames()).isEqualTo(FRAMES);
    }

    @AfterEach
    void stop() throws Exception {
        relay.close();
    }

    private static VideoReader open(String url, RetryPolicy retries) throws VideoInputException {
        return VideoReader.open(VideoSource.parse(url), retries, Duration.ofSeconds(5));
    }

    @Test
    void framesArriveAsTheFileDecodesThemAndDetectionsAreTheSame() throws Exception {
        relay.sessions(List.of(RtspRelay.WHOLE));
        List<VideoFrame> fromFile = RtspRelay.decodeFile(clip);
        List<VideoFrame> fromStream;
        try (VideoReader reader = open(relay.url("cam1"), RetryPolicy.of(0))) {
            assertThat(reader.width()).isEqualTo(320);
            assertThat(reader.height()).isEqualTo(240);
            assertThat(reader.frameRate()).as("RTP has a 90 kHz clock, not 90000 frames/s").isZero();
            fromStream = VideoReaderTest.readAll(reader);
            assertThat(reader.corruptFrames()).isZero();
            assertThat(reader.lostReason()).get().asString().contains("stream lost after " + FRAMES + " frames");
        }
        assertThat(fromStream).hasSize(FRAMES);
        assertThat(relay.transports()).as("RTP interleaved on the RTSP connection by default").containsExactly("tcp");
        // increasing, and 10 fps: 100 ms apart once the clock has settled (FFmpeg anchors an RTSP clock on the server's
        // first RTCP sender report, whose time here lags the frames by 40-140 ms: the first frames come out of line and
        // are kept increasing by the reader)
        assertThat(fromStream).extracting(VideoFrame::timestampMs).isSorted().doesNotHaveDuplicates();
        for (int i = FRAMES - 4; i < FRAMES; i++) {
            assertThat(fromStream.get(i).timestampMs() - fromStream.get(i - 1).timestampMs()).as("frame %d", i).isEqualTo(100);
        }

        ConvertedModels yolo = ConvertedModels.yoloFastest();
        try (OnnxRuntimeBackend backend = OnnxRuntimeBackend.fromBytes(yolo.onnx(HeadMode.raw()), "yolo-fastest", 1)) {
            Detector detector = new Detector("yolo-fastest", backend, yolo.spec(), HeadMode.raw(), DetectorSettings.defaults());
            for (int i = 0; i < FRAMES; i++) {
                // the same H.264 packets, so the same pictures, bit for bit
                assertThat(fromStream.get(i).rgbPlanes()).as("frame %d", i).isEqualTo(fromFile.get(i).rgbPlanes());
                DetectionResult overRtsp = detector.detect(fromStream.get(i).toRgb(), "rtsp");
                DetectionResult fromDisk = detector.detect(fromFile.get(i).toRgb(), "file");
                assertThat(overRtsp.detections()).as("frame %d", i).isNotEmpty().isEqualTo(fromDisk.detections());
            }
        }
    }

    @Test
    void aStreamDroppingMidwayIsReopenedThenReportedWhenTheRetriesAreSpent() throws Exception {
        relay.sessions(List.of(3, RtspRelay.WHOLE));
        List<VideoFrame> fromFile = RtspRelay.decodeFile(clip);
        List<VideoFrame> frames;
        String url = relay.url("cam1");
        try (VideoReader reader = open(url, FAST)) {
            frames = VideoReaderTest.readAll(reader);
            assertThat(reader.corruptFrames()).isZero();
            assertThat(reader.reconnects()).isEqualTo(1);
            assertThat(reader.lostReason()).get().asString()
                    .startsWith(url + ": stream lost after " + (3 + FRAMES) + " frames (")
                    .contains("; 2 reconnect attempt(s) failed (last: " + url + ": cannot open (")
                    .endsWith("check the camera or server, or raise the stream retries");
        }
        List<byte[]> expected = new ArrayList<>();
        fromFile.subList(0, 3).forEach(f -> expected.add(f.rgbPlanes()));
        fromFile.forEach(f -> expected.add(f.rgbPlanes()));
        assertThat(frames).hasSize(3 + FRAMES);
        for (int i = 0; i < frames.size(); i++) {
            assertThat(frames.get(i).rgbPlanes()).as("frame %d", i).isEqualTo(expected.get(i));
        }
        assertThat(frames).extracting(VideoFrame::index).isSorted().doesNotHaveDuplicates();
        assertThat(frames).extracting(VideoFrame::timestampMs).isSorted().doesNotHaveDuplicates();
        // the first open, the reconnect that worked, the two that found the camera gone (JavaCV may ask twice per open)
        assertThat(relay.describes()).isGreaterThanOrEqualTo(2 + FAST.retries());
    }

    @Test
    void aPathTheServerDoesNotHaveIsOneLineWithTheFix() throws Exception {
        relay.sessions(List.of(RtspRelay.WHOLE));
        String url = relay.url("cam2"); // cam1 is what was published
        assertThatThrownBy(() -> open(url, new RetryPolicy(1, Duration.ofMillis(10), Duration.ofMillis(10))))
                .isInstanceOf(VideoInputException.class)
                // FFmpeg's error code in words, without JavaCV's hints for programmers
                .hasMessage(url + ": cannot open (Server returned 404 Not Found); check that the URL is right and the server is"
                        + " up and reachable from here");
        assertThat(relay.describes()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void anUnreachableServerIsOneLineSayingSo() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        String url = "rtsp://127.0.0.1:" + closedPort + "/cam1";
        assertThatThrownBy(() -> open(url, RetryPolicy.of(0)))
                .isInstanceOf(VideoInputException.class)
                .hasMessage(url + ": cannot open (Connection refused); check that the URL is right and the server is up and"
                        + " reachable from here");
    }

    @Test
    void udpIsUsedWhenAskedForAndDeliversTheSameFrames() throws Exception {
        relay.sessions(List.of(RtspRelay.WHOLE));
        List<VideoFrame> fromFile = RtspRelay.decodeFile(clip);
        List<VideoFrame> fromStream;
        try (VideoReader reader = VideoReader.open(VideoSource.parse(relay.url("cam1")), RetryPolicy.of(0), Duration.ofSeconds(5),
                RtspTransport.UDP)) {
            fromStream = VideoReaderTest.readAll(reader);
        }
        assertThat(relay.transports()).containsExactly("udp");
        assertThat(fromStream).hasSize(FRAMES);
        for (int i = 0; i < FRAMES; i++) {
            assertThat(fromStream.get(i).rgbPlanes()).as("frame %d", i).isEqualTo(fromFile.get(i).rgbPlanes());
        }
    }
}
