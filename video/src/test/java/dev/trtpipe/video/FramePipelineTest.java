package dev.trtpipe.video;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trtpipe.darknet.HeadMode;
import dev.trtpipe.detect.DetectionResult;
import dev.trtpipe.detect.Detector;
import dev.trtpipe.detect.DetectorSettings;
import dev.trtpipe.detect.SharedBackend;
import dev.trtpipe.detect.onnxrt.OnnxRuntimeBackend;
import dev.trtpipe.detect.preprocess.ImageLoader;
import dev.trtpipe.detect.testing.ConvertedModels;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FramePipelineTest {

    @TempDir
    Path tmp;

    private static VideoReader open(Path video) throws Exception {
        return VideoReader.open(VideoSource.parse(video.toString()), RetryPolicy.of(0), Duration.ofSeconds(5));
    }

    @Test
    void everyNthFrameReachesTheHandlerInOrder() throws Exception {
        Path video = TestVideos.write(tmp.resolve("clip.mp4"), 11, 10, 160, 120);
        List<Long> seen = new ArrayList<>();
        try (VideoReader reader = open(video)) {
            FramePipeline.Summary s = FramePipeline.run(reader, 3, 0, f -> seen.add(f.index()));
            assertThat(seen).containsExactly(0L, 3L, 6L, 9L);
            assertThat(s.decoded()).isEqualTo(11);
            assertThat(s.handled()).isEqualTo(4);
        }
    }

    @Test
    void aFailingWorkerStopsTheRunWithItsError() throws Exception {
        Path video = TestVideos.write(tmp.resolve("clip.mp4"), 30, 10, 160, 120);
        List<Long> handled = new ArrayList<>();
        try (VideoReader reader = open(video)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> FramePipeline.run(reader, 1, 0, 3, () -> f -> {
                if (f.index() == 4) {
                    throw new java.io.IOException("model failed on frame 4");
                }
                return f.index();
            }, (f, index) -> handled.add(index))).isInstanceOf(java.io.IOException.class).hasMessage("model failed on frame 4");
        }
        assertThat(handled).containsExactly(0L, 1L, 2L, 3L);
    }

    /** --profile's figures: every frame reported once per stage, in order, with the time it really spent there. */
    @Test
    void theProbeSeesEveryFrameAndTheTimeItsWorkTook() throws Exception {
        Path video = TestVideos.write(tmp.resolve("clip.mp4"), 12, 10, 160, 120);
        StageProfile profile = new StageProfile();
        try (VideoReader reader = open(video)) {
            FramePipeline.run(reader, 2, 0, 2, () -> f -> {
                pause(20);
                return f.index();
            }, (f, index) -> { }, profile);
        }
        assertThat(profile.handledFrames()).isEqualTo(6);
        for (int seq = 0; seq < 6; seq++) {
            assertThat(profile.handledAt(seq)).as("frame " + seq).isGreaterThan(profile.decodedAt(seq));
            if (seq > 0) {
                assertThat(profile.decodedAt(seq)).isGreaterThan(profile.decodedAt(seq - 1));
                assertThat(profile.handledAt(seq)).isGreaterThan(profile.handledAt(seq - 1));
            }
        }
        assertThat(profile.totalNanos(StageProfile.Stage.WORK)).isBetween(6 * 20_000_000L, 6 * 2_000_000_000L);
        assertThat(profile.totalNanos(StageProfile.Stage.CONVERT)).isPositive();
        assertThat(profile.totalNanos(StageProfile.Stage.DECODE)).isPositive();
        // two workers sleeping 20 ms a frame: the caller waits for results most of the run
        assertThat(profile.totalNanos(StageProfile.Stage.WAITING_FOR_RESULT)).isGreaterThan(3 * 20_000_000L);
    }

    @Test
    void maxFramesStopsEarly() throws Exception {
        Path video = TestVideos.write(tmp.resolve("clip.mp4"), 11, 10, 160, 120);
        try (VideoReader reader = open(video)) {
            assertThat(FramePipeline.run(reader, 1, 5, f -> { }).handled()).isEqualTo(5);
        }
    }

    /**
     * The detector sees what FFmpeg decoded: each frame, converted by JavaCV's own Java2D converter (not our
     * conversion), saved as PNG and run through {@code detect}'s image path, gives the same detections.
     */
    @Test
    void detectionsOnFramesEqualDetectOnTheSameDecodedFrame() throws Exception {
        Path video = TestVideos.write(tmp.resolve("dog.mp4"), 3, 10, 768, 576);
        List<Path> pngs = new ArrayList<>();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(video.toFile()); Java2DFrameConverter c = new Java2DFrameConverter()) {
            g.start();
            for (Frame f = g.grabImage(); f != null; f = g.grabImage()) {
                BufferedImage copy = new BufferedImage(f.imageWidth, f.imageHeight, BufferedImage.TYPE_3BYTE_BGR);
                copy.getGraphics().drawImage(c.convert(f), 0, 0, null);
                Path png = tmp.resolve("frame" + pngs.size() + ".png");
                ImageIO.write(copy, "png", png.toFile());
                pngs.add(png);
            }
        }
        assertThat(pngs).hasSize(3);

        ConvertedModels yolo = ConvertedModels.yoloFastest();
        try (OnnxRuntimeBackend backend = OnnxRuntimeBackend.fromBytes(yolo.onnx(HeadMode.raw()), "yolo-fastest", 1)) {
            Detector detector = new Detector("yolo-fastest", backend, yolo.spec(), HeadMode.raw(), DetectorSettings.defaults());
            List<DetectionResult> fromVideo = new ArrayList<>();
            SharedBackend shared = SharedBackend.of(backend);
            try (VideoReader reader = open(video)) {
                // three workers, each with its own detector over the shared backend, as detect --video runs them
                FramePipeline.run(reader, 1, 0, 3,
                        () -> {
                            Detector own = new Detector("yolo-fastest", shared, yolo.spec(), HeadMode.raw(), DetectorSettings.defaults());
                            return f -> own.detect(f.toRgb(), "dog.mp4");
                        },
                        (f, result) -> fromVideo.add(result));
            }
            assertThat(fromVideo).hasSize(3);
            for (int i = 0; i < 3; i++) {
                DetectionResult fromPng = detector.detect(ImageLoader.load(pngs.get(i)), pngs.get(i).toString());
                assertThat(fromVideo.get(i).detections()).as("frame %d", i).isNotEmpty()
                        .isEqualTo(fromPng.detections());
            }
        }
    }

    private static void pause(long ms) throws java.io.InterruptedIOException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        }
    }
}
