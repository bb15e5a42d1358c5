package dev.trtpipe.tools.bench;

import dev.trtpipe.video.FramePipeline;
import dev.trtpipe.video.RetryPolicy;
import dev.trtpipe.video.StageProfile;
import dev.trtpipe.video.VideoFrame;
import dev.trtpipe.video.VideoInputException;
import dev.trtpipe.video.VideoReader;
import dev.trtpipe.video.VideoSource;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Decode-only against decode + detect on the same source, in one process: how much detection slows a
 * video down. Decode-only is FFmpeg decoding every frame into its own pixel format (usually YUV 4:2:0), with
 * nothing done to the frames — not even the conversion to RGB, which {@code detect --video} does on its
 * workers, so the baseline is the decoder alone; decode + detect is the {@link FramePipeline}
 * {@code detect --video} runs (conversion to RGB planes, preprocessing, the network, post-processing), with
 * decoding overlapped. Rounds alternate the two so that drift (turbo, other load) hits both; the best round
 * of each is kept.
 *
 * <p>What is compared is what a long video pays per frame: the <em>steady state</em>. A pass over a short clip
 * (300 frames: a quarter of a second on a fast host) also pays, once, for starting the decoder's threads and,
 * on the pipeline side only, for starting the workers, their first conversions (scaler contexts, frame
 * buffers) and their detectors' first calls — a large share of so short a window, and nothing a long video
 * notices. So in both passes the first {@code warmFrames} frames only warm up, and the rate is taken over the
 * rest, by the same rule: from the moment the last warm-up frame left the decoder until the last frame was done
 * with (decoded, for decode-only; its result handled, for the pipeline — so the pipeline's window also holds
 * its drain, at its expense). The whole-pass rates are reported too.
 */
public final class VideoBenchmark {

    /**
     * How to measure.
     *
     * @param maxFrames  frames read per pass (0: the whole source)
     * @param warmFrames frames at the start of each pass left out of the steady-state rate (at most a fifth of the
     *                   pass is left out, so a short clip still has a window)
     */
    public record Plan(int workers, int rounds, long maxFrames, int warmFrames) {
        public Plan {
            if (workers < 1 || rounds < 1 || maxFrames < 0 || warmFrames < 0) {
                throw new IllegalArgumentException("workers and rounds must be >= 1, frames >= 0, got " + this);
            }
        }
    }

    /** A pass's frames per second over its steady state and over the whole pass. */
    public record Rates(double steady, double whole) {
        static final Rates NONE = new Rates(0, 0);

        Rates best(Rates other) {
            return new Rates(Math.max(steady, other.steady), Math.max(whole, other.whole));
        }
    }

    /**
     * @param warmFrames the frames each pass's steady state left out
     * @param profile    the pipeline pass with the best steady state: where its frames' time went, and its wall time
     */
    public record Result(String source, int width, int height, long frames, int warmFrames, Rates decode, Rates pipeline,
                         StageProfile profile, long profileNanos) {
        /** Steady-state decode-only frames/s. */
        public double decodeFps() {
            return decode.steady();
        }

        /** Steady-state decode + detect (or convert) frames/s. */
        public double detectFps() {
            return pipeline.steady();
        }

        /** decode + detect as a share of decode-only in the steady state (1 = detection costs nothing). */
        public double ratio() {
            return share(pipeline.steady(), decode.steady());
        }

        /** The same over whole passes, startup included. */
        public double wholeRatio() {
            return share(pipeline.whole(), decode.whole());
        }

        private static double share(double part, double of) {
            return of == 0 ? 0 : part / of;
        }
    }

    private VideoBenchmark() {
    }

    /**
     * @param work the per-frame work of each worker (detection: {@link dev.trtpipe.video.FrameDetectors}), made once
     *             per worker and pass, as {@code detect --video} makes it
     */
    public static Result run(VideoSource source, Supplier<FramePipeline.FrameWork<?>> work, Plan plan) throws IOException {
        return compare(source, work, plan);
    }

    /**
     * The pipeline's own cost: decode-only against the same pipeline with the detection left out (frames are
     * decoded, handed to the workers and converted to RGB, and that is all). What is left of the decode-only
     * rate here is the most any detector can reach on this host.
     */
    public static Result runWithoutDetection(VideoSource source, Plan plan) throws IOException {
        return compare(source, () -> VideoFrame::toRgb, plan);
    }

    private static Result compare(VideoSource source, Supplier<FramePipeline.FrameWork<?>> work, Plan plan) throws IOException {
        warmUp(source, work, plan);
        Rates decode = Rates.NONE;
        Rates pipeline = Rates.NONE;
        StageProfile bestProfile = null;
        long bestProfileNanos = 0;
        long frames = 0;
        int warm = 0;
        int width = 0;
        int height = 0;
        for (int r = 0; r < plan.rounds(); r++) {
            try (VideoReader reader = open(source)) {
                width = reader.width();
                height = reader.height();
                long[] decodedAt = new long[1024];
                long start = System.nanoTime();
                int n = 0;
                while ((plan.maxFrames() == 0 || reader.decodedFrames() < plan.maxFrames()) && reader.next(false).isPresent()) {
                    if (n == decodedAt.length) {
                        decodedAt = Arrays.copyOf(decodedAt, 2 * n);
                    }
                    decodedAt[n++] = System.nanoTime();
                }
                frames = reader.decodedFrames();
                warm = warmFrames(plan, n);
                decode = decode.best(n == 0 ? Rates.NONE
                        : new Rates(window(n, warm, decodedAt[warm], decodedAt[n - 1]), n * 1e9 / (decodedAt[n - 1] - start)));
            }
            try (VideoReader reader = open(source)) {
                StageProfile profile = new StageProfile();
                FramePipeline.Summary s = FramePipeline.run(reader, 1, plan.maxFrames(), plan.workers(), work::get, (f, result) -> { },
                        profile);
                int n = profile.handledFrames();
                int w = warmFrames(plan, n);
                Rates rates = n == 0 ? Rates.NONE
                        : new Rates(window(n, w, profile.decodedAt(w), profile.handledAt(n - 1)), s.handledPerSecond());
                if (bestProfile == null || rates.steady() > pipeline.steady()) {
                    bestProfile = profile;
                    bestProfileNanos = s.nanos();
                }
                pipeline = pipeline.best(rates);
            }
        }
        return new Result(source.spec(), width, height, frames, warm, decode, pipeline, bestProfile, bestProfileNanos);
    }

    /**
     * One untimed pipeline pass over the first frames before the rounds: the first calls ever of the conversion
     * and of the network (compilation, engine warm-up, lazy allocations) are not what a long video pays per frame.
     */
    private static void warmUp(VideoSource source, Supplier<FramePipeline.FrameWork<?>> work, Plan plan) throws IOException {
        try (VideoReader reader = open(source)) {
            long frames = Math.max(2L * plan.warmFrames(), 2L * plan.workers());
            FramePipeline.Summary s = FramePipeline.run(reader, 1, plan.maxFrames() == 0 ? frames : Math.min(frames, plan.maxFrames()),
                    plan.workers(), work::get, (f, result) -> { });
            if (s.handled() == 0) {
                throw new VideoInputException(source + ": no frame could be decoded; is it a playable video?");
            }
        }
    }

    /** The frames a pass of {@code n} leaves out of its steady state: as planned, but never more than a fifth. */
    static int warmFrames(Plan plan, int n) {
        return Math.min(plan.warmFrames(), n / 5);
    }

    /** Frames per second after frame {@code warm} left the decoder, up to the last frame's end: frames warm+1 … n-1. */
    static double window(int n, int warm, long windowStart, long lastDone) {
        long frames = n - 1 - warm;
        return frames <= 0 || lastDone <= windowStart ? 0 : frames * 1e9 / (lastDone - windowStart);
    }

    private static VideoReader open(VideoSource source) throws VideoInputException {
        return VideoReader.open(source, RetryPolicy.of(0), Duration.ofSeconds(10));
    }
}
