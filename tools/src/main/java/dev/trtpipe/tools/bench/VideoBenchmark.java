package dev.trtpipe.tools.bench;

import dev.trtpipe.detect.Detector;
import dev.trtpipe.video.FramePipeline;
import dev.trtpipe.video.RetryPolicy;
import dev.trtpipe.video.VideoFrame;
import dev.trtpipe.video.VideoInputException;
import dev.trtpipe.video.VideoReader;
import dev.trtpipe.video.VideoSource;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decode-only against decode + detect on the same source, in one process: how much detection slows a
 * video down. Decode-only is FFmpeg decoding every frame into its own pixel format (usually YUV 4:2:0), with
 * nothing done to the frames — not even the conversion to RGB, which {@code detect --video} does on its
 * workers, so the baseline is the decoder alone; decode + detect is the {@link FramePipeline}
 * {@code detect --video} runs (conversion to RGB planes, preprocessing, the network, post-processing), with
 * decoding overlapped. Rounds alternate the two so that drift (turbo, other load) hits both; the best round
 * of each is kept.
 */
public final class VideoBenchmark {

    public record Result(String source, int width, int height, long frames, double decodeFps, double detectFps) {
        /** decode + detect as a share of decode-only (1 = detection costs nothing). */
        public double ratio() {
            return decodeFps == 0 ? 0 : detectFps / decodeFps;
        }
    }

    private VideoBenchmark() {
    }

    /**
     * @param detectors makes one detector per worker (over a shared backend)
     * @param workers   threads converting and detecting while one decodes, as {@code detect --video} runs
     */
    public static Result run(VideoSource source, Supplier<Detector> detectors, int workers, int rounds, long maxFrames)
            throws IOException {
        warmUp(source, detectors.get());
        return compare(source, () -> {
            Detector detector = detectors.get();
            return f -> detector.detect(f.toRgb(), source.spec());
        }, workers, rounds, maxFrames);
    }

    /**
     * The pipeline's own cost: decode-only against the same pipeline with the detection left out (frames are
     * decoded, handed to the workers and converted to RGB, and that is all). What is left of the decode-only
     * rate here is the most any detector can reach on this host.
     */
    public static Result runWithoutDetection(VideoSource source, int workers, int rounds, long maxFrames) throws IOException {
        return compare(source, () -> VideoFrame::toRgb, workers, rounds, maxFrames);
    }

    private static Result compare(VideoSource source, Supplier<FramePipeline.FrameWork<?>> work, int workers, int rounds,
                                  long maxFrames) throws IOException {
        double decode = 0;
        double detect = 0;
        long frames = 0;
        int width = 0;
        int height = 0;
        for (int r = 0; r < rounds; r++) {
            try (VideoReader reader = open(source)) {
                width = reader.width();
                height = reader.height();
                long start = System.nanoTime();
                while ((maxFrames == 0 || reader.decodedFrames() < maxFrames) && reader.next(false).isPresent()) {
                    // decode only
                }
                decode = Math.max(decode, reader.decodedFrames() * 1e9 / (System.nanoTime() - start));
                frames = reader.decodedFrames();
            }
            try (VideoReader reader = open(source)) {
                FramePipeline.Summary s = FramePipeline.run(reader, 1, maxFrames, workers, work::get, (f, result) -> { });
                detect = Math.max(detect, s.handledPerSecond());
            }
        }
        return new Result(source.spec(), width, height, frames, decode, detect);
    }

    /** The first inferences (engine warm-up, lazy allocations) are not what a long video pays per frame. */
    private static void warmUp(VideoSource source, Detector detector) throws IOException {
        try (VideoReader reader = open(source)) {
            Optional<VideoFrame> frame = reader.next(true);
            if (frame.isEmpty()) {
                throw new VideoInputException(source + ": no frame could be decoded; is it a playable video?");
            }
            for (int i = 0; i < 10; i++) {
                detector.detect(frame.get().toRgb(), source.spec());
            }
        }
    }

    private static VideoReader open(VideoSource source) throws VideoInputException {
        return VideoReader.open(source, RetryPolicy.of(0), Duration.ofSeconds(10));
    }
}
