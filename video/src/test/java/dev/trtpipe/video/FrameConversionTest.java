package dev.trtpipe.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trtpipe.detect.preprocess.RgbImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conversion to RGB moved from FFmpeg's grabber to the pipeline's workers: the pixels must be exactly the
 * ones FFmpeg's own conversion gives, whatever memory they land in, and that memory is recycled.
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
        assertSamePixels(expected, frame, frame.width());
    }

    /** The same samples in columns 0 to {@code columns - 1}. */
    private static void assertSamePixels(Rgb expected, VideoFrame frame, int columns) {
        int w = frame.width();
        int h = frame.height();
        assertThat(w).isEqualTo(expected.width());
        assertThat(h).isEqualTo(expected.height());
        byte[] planes = frame.rgbPlanes();
        int mismatches = 0;
        for (int i = 0; i < w * h; i++) {
            if (i % w >= columns) {
                continue;
            }
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

    /**
     * The conversion straight into an image's native planes (pinned memory on the GPU path) gives the pixels of
     * FFmpeg's own conversion, and is taken only where it can: native memory, 64-byte aligned, a width that is a
     * multiple of 64. Everywhere else the frame goes through the aligned picture and one copy, as before.
     */
    @Test
    void framesConvertedIntoTheDetectorsMemoryHaveFfmpegsPixels() throws Exception {
        Path aligned = TestVideos.write(tmp.resolve("w320.mp4"), 5, 10, 320, 182);
        Path unaligned = TestVideos.write(tmp.resolve("w328.mp4"), 5, 10, 328, 182);
        assertConvertedLikeFfmpeg(aligned, RecordingPixelMemory.direct(0), 320, 5);
        assertConvertedLikeFfmpeg(aligned, RecordingPixelMemory.direct(16), 320, 0);
        assertConvertedLikeFfmpeg(aligned, RecordingPixelMemory.heap(), 320, 0);
        // past column 320 swscale's values at this width depend on what the destination held (see the test above)
        assertConvertedLikeFfmpeg(unaligned, RecordingPixelMemory.direct(0), 320, 0);
        assertConvertedLikeFfmpeg(unaligned, RecordingPixelMemory.heap(), 320, 0);
    }

    private void assertConvertedLikeFfmpeg(Path video, RecordingPixelMemory memory, int comparedColumns, long direct) throws Exception {
        List<Rgb> expected = grabberConversion(video);
        long frames = 0;
        try (VideoReader reader = open(video); FrameConverter converter = new FrameConverter()) {
            for (Optional<DecodedFrame> d = reader.nextDecoded(true); d.isPresent(); d = reader.nextDecoded(true)) {
                try (VideoFrame f = d.get().convert(converter, memory)) {
                    assertThat(f.toRgb().pageLocked()).isEqualTo(memory.pageLocked());
                    assertSamePixels(expected.get((int) f.index()), f, comparedColumns);
                    frames++;
                }
            }
            assertThat(frames).isEqualTo(expected.size()).isPositive();
            assertThat(converter.directFrames()).as("%s: frames swscale wrote in place", video.getFileName()).isEqualTo(direct);
        }
        assertThat(memory.released()).as("every image gave its block back").isEqualTo(frames);
    }

    /**
     * The pipeline makes each frame in its work's memory, recycles the blocks (no more than the frames in
     * flight) and closes every image once its result is handled: all blocks go back when the run ends.
     */
    @Test
    void framesAreMadeInTheWorksMemoryAndTheirBlocksRecycled() throws Exception {
        Path video = TestVideos.write(tmp.resolve("clip.mp4"), 40, 10, 192, 120);
        int workers = 2;
        for (RecordingPixelMemory memory : List.of(RecordingPixelMemory.heap(), RecordingPixelMemory.direct(0))) {
            List<RgbImage> seen = new ArrayList<>();
            StageProfile profile = new StageProfile();
            long handled;
            try (VideoReader reader = open(video)) {
                handled = FramePipeline.run(reader, 1, 0, workers, () -> FramePipeline.FrameWork.readingFrom(memory, f -> f.index()),
                        (f, index) -> {
                            assertThat(f.toRgb().pageLocked()).isEqualTo(memory.pageLocked());
                            seen.add(f.toRgb());
                        }, profile).handled();
            }
            assertThat(handled).isEqualTo(40);
            // 192 columns, a multiple of 64: native blocks are written by swscale itself, heap ones through the copy
            assertThat(profile.framesConvertedInPlace()).isEqualTo(memory.pageLocked() ? 40 : 0);
            assertThat(seen).hasSize(40);
            // at most the frames that can be in flight at once: the queue (2·workers + 2), the one being handled and the
            // one the decoder has handed to a worker while it waits for room in the queue
            assertThat(memory.allocated()).isBetween(1, 2 * workers + 4);
            assertThat(memory.released()).as("blocks given back when the run ended").isEqualTo(memory.allocated());
            assertThatThrownBy(() -> seen.get(39).sample(0, 0, 0)).as("a handled frame's image is closed")
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    /**
     * A run that fails part-way (the work throws on frame 4 while other workers have frames converted and the
     * decoder has more queued) still gives every block back: the failed frame's, the finished but unhandled ones'.
     */
    @Test
    void aFailedRunGivesEveryBlockBack() throws Exception {
        Path video = TestVideos.write(tmp.resolve("clip.mp4"), 30, 10, 192, 120);
        RecordingPixelMemory memory = RecordingPixelMemory.direct(0);
        try (VideoReader reader = open(video)) {
            assertThatThrownBy(() -> FramePipeline.run(reader, 1, 0, 3, () -> FramePipeline.FrameWork.readingFrom(memory, f -> {
                if (f.index() == 4) {
                    pause(150); // meanwhile the other workers finish frames 5 and 6, which are never handled
                    throw new java.io.IOException("model failed on frame 4");
                }
                return f.index();
            }), (f, index) -> { })).hasMessage("model failed on frame 4");
        }
        assertThat(memory.allocated()).isGreaterThanOrEqualTo(3);
        assertThat(memory.released()).isEqualTo(memory.allocated());
    }

    /** Without a memory of its own the work reads frames made on the heap (recycled arrays the CPU kernels read in place). */
    @Test
    void framesAreMadeOnTheHeapByDefault() throws Exception {
        Path video = TestVideos.write(tmp.resolve("clip.mp4"), 6, 10, 160, 120);
        List<Boolean> pageLocked = new ArrayList<>();
        try (VideoReader reader = open(video)) {
            FramePipeline.run(reader, 1, 0, 2, () -> f -> f.index(), (f, index) -> pageLocked.add(f.toRgb().pageLocked()));
        }
        assertThat(pageLocked).hasSize(6).containsOnly(false);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
