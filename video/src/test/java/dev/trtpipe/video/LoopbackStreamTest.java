package dev.trtpipe.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stream path over a real socket: a JDK HTTP server on loopback serves a short MPEG-TS clip (the format
 * IP cameras and HLS segments use) a limited number of times, then answers 404, as a camera that goes away.
 */
class LoopbackStreamTest {

    private static final int FRAMES = 8;
    private static final RetryPolicy FAST = new RetryPolicy(2, Duration.ofMillis(20), Duration.ofMillis(40));

    @TempDir
    Path tmp;

    private HttpServer server;
    private final AtomicInteger served = new AtomicInteger();
    private int servings;

    @BeforeEach
    void serve() throws Exception {
        byte[] clip = Files.readAllBytes(TestVideos.write(tmp.resolve("clip.ts"), FRAMES, 10, 160, 120));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/live.ts", exchange -> {
            try (exchange) {
                if (served.getAndIncrement() >= servings) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                exchange.getResponseHeaders().set("Content-Type", "video/mp2t");
                exchange.sendResponseHeaders(200, clip.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(clip);
                }
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/live.ts";
    }

    @Test
    void aLostStreamIsReopenedAndItsClockKeepsRunning() throws Exception {
        servings = 2;
        try (VideoReader reader = VideoReader.open(VideoSource.parse(url()), FAST, Duration.ofSeconds(5))) {
            List<VideoFrame> frames = VideoReaderTest.readAll(reader);
            assertThat(frames).hasSize(2 * FRAMES);
            assertThat(frames).extracting(VideoFrame::index).doesNotHaveDuplicates().isSorted();
            assertThat(frames).extracting(VideoFrame::timestampMs).isSorted().doesNotHaveDuplicates();
            assertThat(reader.reconnects()).isEqualTo(1);
            // the third connection and both retries after it get 404: reported, not thrown
            assertThat(reader.lostReason()).get().asString()
                    .startsWith(url() + ": stream lost after " + 2 * FRAMES + " frames (the stream ended); 2 reconnect attempt(s) failed")
                    .endsWith("check the camera or server, or raise the stream retries");
        }
        // FFmpeg's HTTP client may ask more than once per open (probing); at least every retry asked
        assertThat(served.get()).isGreaterThanOrEqualTo(2 + FAST.retries());
    }

    @Test
    void anUnreachableStreamIsRetriedThenReportedInOneLine() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        String dead = "http://127.0.0.1:" + closedPort + "/live.ts";
        assertThatThrownBy(() -> VideoReader.open(VideoSource.parse(dead), FAST, Duration.ofSeconds(2)))
                .isInstanceOf(VideoInputException.class)
                .hasMessageStartingWith(dead + ": cannot open (")
                .hasMessageEndingWith("check that the URL is right and the server is up and reachable from here");
    }
}
