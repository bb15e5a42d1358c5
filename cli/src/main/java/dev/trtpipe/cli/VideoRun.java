package dev.trtpipe.cli;

import dev.trtpipe.darknet.io.AtomicFile;
import dev.trtpipe.detect.BatchDetector;
import dev.trtpipe.detect.ClassNames;
import dev.trtpipe.detect.DetectionResult;
import dev.trtpipe.detect.Detector;
import dev.trtpipe.detect.InferenceBackend;
import dev.trtpipe.detect.SharedBackend;
import dev.trtpipe.detect.backend.BackendRequest;
import dev.trtpipe.detect.backend.Backends;
import dev.trtpipe.detect.report.DetectionPainter;
import dev.trtpipe.video.FrameDetectors;
import dev.trtpipe.video.FramePipeline;
import dev.trtpipe.video.RetryPolicy;
import dev.trtpipe.video.RtspTransport;
import dev.trtpipe.video.VideoContainer;
import dev.trtpipe.video.VideoFrameJson;
import dev.trtpipe.video.VideoInputException;
import dev.trtpipe.video.VideoReader;
import dev.trtpipe.video.VideoSource;
import dev.trtpipe.video.VideoWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code trtpipe detect --video}: each source's frames through one {@link Detector}, one JSON line per
 * processed frame on stdout, the annotated video with {@code --out-video}, the live frame rate and a summary
 * per source on stderr. Sources run one after another; one that cannot be opened or is lost for good is
 * reported in one line and the others still run (exit 1 at the end).
 */
final class VideoRun {

    /** How long a stream may stay silent before it counts as lost. */
    private static final Duration IO_TIMEOUT = Duration.ofSeconds(10);

    private final List<VideoSource> sources;
    private final List<Path> outVideos;
    private final int every;
    private final RetryPolicy retries;
    private final int workers;
    private final int instances;
    private final RtspTransport rtspTransport;
    /** {@code --gpu-preprocess}: the workers hand their frames' planes to the engine, which resizes on the GPU. */
    private final boolean gpuPreprocess;

    private VideoRun(List<VideoSource> sources, List<Path> outVideos, int every, RetryPolicy retries, int workers, int instances,
                     RtspTransport rtspTransport, boolean gpuPreprocess) {
        this.sources = sources;
        this.outVideos = outVideos;
        this.every = every;
        this.retries = retries;
        this.workers = workers;
        this.instances = instances;
        this.rtspTransport = rtspTransport;
        this.gpuPreprocess = gpuPreprocess;
    }

    /**
     * Frames converted and detected at once: enough to keep up with a 1080p decoder in front of a fast engine. Each
     * worker converts its frames to RGB too (about 2.5 ms a 1080p frame), so a decoder delivering 1,000+ frames/s
     * needs more than 4.
     */
    static int defaultWorkers() {
        return Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 8));
    }

    /**
     * {@code --instances} by default with video: for a TensorRT engine one per 4 workers (2 for the default 8
     * workers), else 1. An instance runs one call at a time, and on the H200 one instance for 8 workers was the
     * limit (1080p, GPU preprocessing: 566 frames/s with 1, 938 with 2, against 1470 decoded; 4.8 ms a frame in
     * the work, most of it waiting for the instance). A frame's call is short (its upload goes by DMA from the
     * pinned frame, the network is small), so a few instances serve 8 workers; ONNX Runtime on the CPU gains
     * nothing from more sessions competing for the same cores.
     */
    static int defaultInstances(Path model, int workers) {
        return GpuPreprocessOption.isEngine(model) ? Math.max(1, Math.min(MAX_INSTANCES, workers / 4)) : 1;
    }

    /** Video's limits on detect's {@code --workers} and {@code --instances}: frames are decoded one at a time. */
    static final int MAX_WORKERS = 64;
    static final int MAX_INSTANCES = 8;

    /** Detect's option, within video's narrower range (its type already checked the value's form). */
    private static int atMost(CommandLine line, String option, int fallback, int max) throws UsageException {
        int value = Values.get(line, option, fallback);
        if (value > max) {
            throw new UsageException("--" + option + " must be an integer in 1.." + max + " with --video, got '" + value + "'");
        }
        return value;
    }

    /** {@code --rtsp-transport}'s values, through the one set of converters (a bad value exits 2). */
    private static final ValueType<RtspTransport> RTSP_TRANSPORT = Values.requirement("must be tcp or udp", RtspTransport::parse);

    /** The options {@code detect} gains for video. */
    static void addOptions(Options o) {
        o.addOption(Option.builder().longOpt("video").hasArg().converter(Values.TEXT).argName("SRC")
                .desc("video to detect on instead of images: a file (mp4, mkv, avi, mov), an rtsp:// or http(s):// stream,"
                        + " or a camera /dev/videoN; repeat for several. Prints one JSON line per processed frame").get());
        o.addOption(Option.builder().longOpt("out-video").hasArg().converter(Values.PATH).argName("FILE")
                .desc("write the annotated video (.mp4/.mkv/.mov: H.264, .avi: MPEG-4); one per --video, in order").get());
        o.addOption(Option.builder().longOpt("every").hasArg().converter(Values.intIn(1, 1_000_000)).argName("N")
                .desc("detect on every Nth frame only (default 1)").get());
        o.addOption(Option.builder().longOpt("stream-retries").hasArg().converter(Values.intIn(0, 1000)).argName("N")
                .desc("reopen a lost stream or camera N times, with backoff from 0.5 s to 8 s, before giving up (default "
                        + RetryPolicy.DEFAULT_RETRIES + ")").get());
        o.addOption(Option.builder().longOpt("rtsp-transport").hasArg().converter(RTSP_TRANSPORT).argName("tcp|udp")
                .desc("how an rtsp:// stream's RTP comes: tcp, interleaved on the RTSP connection (default: nothing lost, one"
                        + " connection through firewalls and NAT), or udp (for cameras that offer nothing else)").get());
    }

    /** Reads the video options; a source file that does not exist is bad input, before any model is loaded. */
    static VideoRun from(CommandLine line) throws UsageException, VideoInputException {
        if (!line.hasOption("model")) {
            throw new UsageException("--model is required with --video");
        }
        if (line.hasOption("image") || !line.getArgList().isEmpty()) {
            throw new UsageException("images and --video exclude each other; run images and videos separately");
        }
        List<VideoSource> sources = new ArrayList<>();
        for (String spec : Values.<String>all(line, "video")) {
            sources.add(VideoSource.parse(spec));
        }
        List<Path> outs = Values.all(line, "out-video");
        if (!outs.isEmpty() && outs.size() != sources.size()) {
            throw new UsageException("give one --out-video per --video (got " + outs.size() + " for " + sources.size() + ")");
        }
        for (Path out : outs) {
            try {
                VideoContainer.forFile(out);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        int every = Values.get(line, "every", 1);
        int retries = Values.get(line, "stream-retries", RetryPolicy.DEFAULT_RETRIES);
        int workers = atMost(line, "workers", defaultWorkers(), MAX_WORKERS);
        int instances = atMost(line, "instances", defaultInstances(CommonOptions.requiredPath(line, "model"), workers), MAX_INSTANCES);
        RtspTransport transport = Values.get(line, "rtsp-transport", RtspTransport.TCP);
        return new VideoRun(sources, outs, every, RetryPolicy.of(retries), workers, instances, transport,
                line.hasOption(GpuPreprocessOption.NAME));
    }

    int run(Optional<Path> namesFile, Path model, BackendRequest request, Function<InferenceBackend, Detector> detectors,
            Console console) throws IOException, UsageException {
        BatchDetector.InputPreparation preparation = GpuPreprocessOption.resolve(gpuPreprocess, request, console);
        try (SharedBackend backend = Backends.openShared(request, instances)) {
            Detector detector = detectors.apply(backend);
            // a model the GPU preprocessing cannot serve (not darknet's preprocessing) is refused here, in one line
            new BatchDetector(detector, 1, preparation);
            ClassNames names = DetectCommand.labels(namesFile, model, detector).names();
            console.err().println(DetectCommand.describe(model, backend, detector) + GpuPreprocessOption.note(preparation));
            int failed = 0;
            for (int i = 0; i < sources.size(); i++) {
                Optional<Path> out = outVideos.isEmpty() ? Optional.empty() : Optional.of(outVideos.get(i));
                try {
                    runOne(sources.get(i), out, () -> detectors.apply(backend), preparation, names, detector.pipeline().classes(), console);
                } catch (VideoInputException e) {
                    console.err().println("trtpipe detect: " + ErrorMessages.message(e));
                    failed++;
                }
            }
            if (sources.size() > 1) { // as detect over many images: one line at the end says whether all went well
                console.err().println(sources.size() + " videos: " + (failed == 0 ? "all read"
                        : failed + " could not be read or were lost (listed above)"));
            }
            return failed == 0 ? ExitCode.OK : ExitCode.BAD_INPUT;
        }
    }

    private void runOne(VideoSource source, Optional<Path> out, Supplier<Detector> detectors, BatchDetector.InputPreparation preparation,
                        ClassNames names, int classes, Console console) throws IOException {
        Supplier<FramePipeline.FrameWork<DetectionResult>> perWorker = FrameDetectors.perWorker(detectors, preparation, source.spec());
        try (VideoReader reader = VideoReader.open(source, retries, IO_TIMEOUT, rtspTransport)) {
            LiveFps fps = new LiveFps(console.err(), LiveFps.onTerminal(console.err()), source.spec());
            FramePipeline.Summary[] summary = new FramePipeline.Summary[1];
            String[] written = {""};
            if (out.isPresent()) {
                // the video appears complete or not at all; a stream lost for good still leaves what was seen
                AtomicFile.write(out.get(), temporary -> {
                    try (VideoWriter writer = VideoWriter.open(temporary, VideoContainer.forFile(out.get()), reader.width(),
                            reader.height(), reader.frameRate() / every)) {
                        summary[0] = FramePipeline.run(reader, every, 0, workers, perWorker, (frame, result) -> {
                            report(frame, result, names, fps, console);
                            writer.write(DetectionPainter.paint(result, names, classes));
                        });
                        written[0] = String.format(Locale.ROOT, ", wrote %s (%s, %d frames)", out.get(), writer.codecName(),
                                writer.frames());
                    }
                });
            } else {
                summary[0] = FramePipeline.run(reader, every, 0, workers, perWorker,
                        (frame, result) -> report(frame, result, names, fps, console));
            }
            fps.clear();
            FramePipeline.Summary s = summary[0];
            console.err().println(String.format(Locale.ROOT,
                    "%s: %d frames decoded, %d detected in %.2f s (%.1f frames/s), %d corrupt skipped, %d dropped, %d reconnects%s",
                    source, s.decoded(), s.handled(), s.nanos() / 1e9, s.handledPerSecond(), s.corrupt(), s.dropped(), s.reconnects(),
                    written[0]));
            if (s.lost().isPresent()) {
                throw new VideoInputException(s.lost().get());
            }
        }
    }

    private static void report(dev.trtpipe.video.VideoFrame frame, DetectionResult result, ClassNames names, LiveFps fps,
                               Console console) throws IOException {
        console.out().println(VideoFrameJson.toLine(frame, result, names));
        fps.frame(frame.index());
    }
}
