package dev.trtpipe.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conversion to RGB moved from FFmpeg's grabber to the pipeline's workers: the pixels must be exactly the
 * ones FFmpeg's own conversion gives, and the buffers they land in are recycled.
 */
class FrameConversionTest {

    @TempDir
    Path tmp;

    /** One frame's R, G, B samples, packed as 0xRRGGBB per pixel. */
    private record Rgb(int width, int height, int[] pixels) {
    }

    /**
     * Every frame as JavaCV's grabber converts it when asked for planar GBR (what {@code detect --video} read
     * before the conversion moved): FFmpeg's swscale inside the grabber, read back sample by sample.
     */
    private static List<Rgb> grabberConversion(Path video) throws Exception {
        List<Rgb> frames = new ArrayList<>();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(video.toFile())) {
            g.setPixelFormat(avutil.AV_PIX_FMT_GBRP);
            g.start();
            for (Frame f = g.grabImage(); f != null; f = g.grabImage()) {
                AVFrame gbrp = (AVFrame) f.opaque;
                assertThat(gbrp.format()).isEqualTo(avutil.AV_PIX_FMT_GBRP);
                int[] pixels = new int[f.imageWidth * f.imageHeight];
                for (int y = 0; y < f.imageHeight; y++) {
                    for (int x = 0; x < f.imageWidth; x++) {
                        int g0 = gbrp.data(0).get((long) y * gbrp.linesize(0) + x) & 0xFF;
                        int b0 = gbrp.data(1).get((long) y * gbrp.linesize(1) + x) & 0xFF;
                        int r0 = gbrp.data(2).get((long) y * gbrp.linesize(2) + x) & 0xFF;
                        pixels[y * f.imageWidth + x] = r0 << 16 | g0 << 8 | b0;
                    }
                }
                frames.add(new Rgb(f.imageWidth, f.imageHeight, pixels));
            }
        }
        return frames;
    }

    private static void assertSamePixels(Rgb expected, VideoFrame frame) {
        int w = frame.width();
        int h = frame.height();
        assertThat(w).isEqualTo(expected.width());
        assertThat(h).isEqualTo(expected.height());
        byte[] planes = frame.rgbPlanes();
        int mismatches = 0;
        for (int i = 0; i < w * h; i++) {
            int rgb = expected.pixels()[i];
            if ((planes[i] & 0xFF) != (rgb >> 16 & 0xFF) || (planes[w * h + i] & 0xFF) != (rgb >> 8 & 0xFF)
                    || (planes[2 * w * h + i] & 0xFF) != (rgb & 0xFF)) {
                mismatches++;
            }
        }
        assertThat(mismatches).as("pixels of frame %d differing from the grabber's conversion", frame.index()).isZero();
    }

    private static VideoReader open(Path video) throws Exception {
        return VideoReader.open(VideoSource.parse(video.toString()), RetryPolicy.of(0), Duration.ofSeconds(5));
    }

    private static VideoFrame copy(VideoFrame f) {
        return new VideoFrame(f.index(), f.timestampMs(), f.width(), f.height(), f.rgbPlanes().clone());
    }

    @Test
    void readerAndPipelineGiveFfmpegsOwnConversion() throws Exception {
        // a width that is a multiple of 64: at 322 and 328 swscale left the last few columns of a GBRP
        // picture unwritten, whichever code calls it (they hold whatever the buffer held)
        Path video = TestVideos.write(tmp.resolve("clip.mp4"), 9, 10, 320, 182);
        List<Rgb> expected = grabberConversion(video);
        assertThat(expected).hasSize(9);
        try (VideoReader reader = open(video)) {
            List<VideoFrame> frames = VideoReaderTest.readAll(reader);
            assertThat(frames).hasSize(9);
            for (VideoFrame f : frames) {
                assertSamePixels(expected.get((int) f.index()), f);
            }
        }
        List<VideoFrame> fromPipeline = new ArrayList<>();
        try (VideoReader reader = open(video)) {
            FramePipeline.run(reader, 2, 0, 3, () -> f -> f.index(), (f, index) -> fromPipeline.add(copy(f)));
        }
        assertThat(fromPipeline).extracting(VideoFrame::index).containsExactly(0L, 2L, 4L, 6L, 8L);
        for (VideoFrame f : fromPipeline) {
            assertSamePixels(expected.get((int) f.index()), f);
        }
    }

    @Test
    void theRgbBuffersAreRecycled() throws Exception {
        Path video = TestVideos.write(tmp.resolve("clip.mp4"), 40, 10, 160, 120);
        int workers = 2;
        Set<byte[]> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        long handled;
        try (VideoReader reader = open(video)) {
            handled = FramePipeline.run(reader, 1, 0, workers, () -> f -> f.index(), (f, index) -> distinct.add(f.rgbPlanes())).handled();
        }
        assertThat(handled).isEqualTo(40);
        // at most the frames that can be in flight at once: the queue (2·workers + 2), the one being handled and the
        // one the decoder has handed to a worker while it waits for room in the queue
        assertThat(distinct.size()).isLessThanOrEqualTo(2 * workers + 4);
    }

    @Test
    void theBufferPoolHandsBackWhatItWasGiven() {
        FrameBuffers pool = new FrameBuffers();
        byte[] a = pool.take(12);
        pool.give(a);
        assertThat(pool.take(12)).isSameAs(a);
        pool.give(a);
        // another size (the stream changed resolution): the old buffer is dropped, a new one made
        assertThat(pool.take(48)).hasSize(48).isNotSameAs(a);
        assertThat(pool.idle()).isZero();
    }
}
