package dev.trtpipe.cli;

import dev.trtpipe.detect.BatchDetector;
import dev.trtpipe.detect.Detector;
import dev.trtpipe.detect.DetectorSettings;
import dev.trtpipe.detect.SharedBackend;
import dev.trtpipe.detect.backend.BackendRequest;
import dev.trtpipe.detect.backend.Backends;
import dev.trtpipe.darknet.io.AtomicFile;
import dev.trtpipe.tools.bench.VideoProfileTable;
import dev.trtpipe.video.FrameDetectors;
import dev.trtpipe.video.RetryPolicy;
import dev.trtpipe.video.SyntheticClip;
import dev.trtpipe.video.VideoFrame;
import dev.trtpipe.video.VideoReader;
import dev.trtpipe.video.VideoContainer;
import dev.trtpipe.tools.bench.VideoBenchmark;
import dev.trtpipe.video.VideoSource;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code trtpipe bench-video}: decode-only against decode + detect frames per second on one video, in one
 * process ({@link VideoBenchmark}). Without a video it makes a 1080p H.264 clip from {@code --image} first,
 * so the target (detection keeps at least 90 % of the decode-only rate) can be checked on any host.
 */
final class BenchVideoCommand implements ParsedCommand<BenchVideoCommand.Flags> {

    /**
     * bench-video's typed options: the model (absent with {@code --no-detect}) and its weights, a VIDEO or the still
     * to make a clip of, the clip's frames and size, where a made clip is kept, and the rounds, workers and instances.
     */
    record Flags(Optional<Path> model, Optional<Path> weights, Optional<String> video, Optional<Path> still, int frames,
                 int[] size, Optional<Path> keepClip, int rounds, int workers, int instances, int warmFrames, boolean profile,
                 boolean gpuPreprocess) {
    }

    private static final double TARGET = 0.9;
    /** Frames at the start of each pass that only warm up (about 0.05 s of a 1080p clip on a fast host). */
    private static final int DEFAULT_WARM_FRAMES = 60;

    @Override
    public String name() {
        return "bench-video";
    }

    @Override
    public String summary() {
        return "benchmark a video: decode-only against decode + detect frames per second";
    }

    @Override
    public String positionalUsage() {
        return "[VIDEO]";
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Option.builder().longOpt("model").hasArg().converter(Values.PATH).argName("FILE")
                        .desc("model to run, as for detect (required): .onnx, .cfg with --weights, .plan/.engine").get())
                .addOption(Option.builder().longOpt("weights").hasArg().converter(Values.PATH).argName("FILE").desc("darknet .weights, for a .cfg model").get())
                .addOption(Option.builder().longOpt("image").hasArg().converter(Values.PATH).argName("FILE")
                        .desc("without VIDEO: make the clip from this image (PNG, JPEG), panned frame by frame").get())
                .addOption(Option.builder().longOpt("keep-clip").hasArg().converter(Values.PATH).argName("FILE")
                        .desc("without VIDEO: keep the made clip as FILE (.mp4/.mkv/.mov/.avi), to run detect --video on it later").get())
                .addOption(Option.builder().longOpt("size").hasArg().converter(SIZE).argName("WxH").desc("size of the made clip (default 1920x1080)").get())
                .addOption(Option.builder().longOpt("frames").hasArg().converter(Values.intIn(0, 100_000)).argName("N")
                        .desc("frames of the made clip, or frames read of VIDEO (default 300; 0 for all of VIDEO)").get())
                .addOption(Option.builder().longOpt("rounds").hasArg().converter(Values.intIn(1, 20)).argName("R")
                        .desc("rounds of both passes, alternated; the best of each is reported (default 2)").get())
                .addOption(Option.builder().longOpt("workers").hasArg().converter(Values.intIn(1, 64)).argName("N")
                        .desc("threads converting and detecting while one decodes, as detect --video (default "
                                + VideoRun.defaultWorkers() + ")").get())
                .addOption(Option.builder().longOpt("instances").hasArg().converter(Values.intIn(1, 8)).argName("K")
                        .desc("copies of the model the workers share (default: one per 4 workers for a TensorRT engine, else 1),"
                                + " as detect --instances with --video").get())
                .addOption(Option.builder().longOpt("warm-frames").hasArg().converter(Values.intIn(0, 100_000)).argName("K")
                        .desc("leave each pass's first K frames out of the rate, in both passes alike: they warm up the decoder,"
                                + " the workers and the detectors, which a long video pays for once (default " + DEFAULT_WARM_FRAMES
                                + ", at most a fifth of the frames)").get())
                .addOption(Option.builder().longOpt("profile")
                        .desc("also print where the pipeline's time goes, per frame: decoding, the decoder blocked on a full queue,"
                                + " frames waiting for a worker, conversion, detection, the in-order wait").get())
                .addOption(GpuPreprocessOption.option())
                .addOption(Option.builder().longOpt("no-detect")
                        .desc("time the pipeline without a network (frames decoded, handed to the workers and converted to RGB,"
                                + " nothing else; no --model needed): the most any detector can reach here").get());
    }

    @Override
    public Set<String> outputOptions() {
        return Set.of("keep-clip");
    }

    @Override
    public Flags parse(CommandLine line) throws UsageException {
        boolean noDetect = line.hasOption("no-detect");
        Path model = noDetect ? null : CommonOptions.requiredPath(line, "model");
        List<String> positional = line.getArgList();
        if (positional.size() > 1) {
            throw new UsageException("give at most one VIDEO, got " + positional.size());
        }
        if (positional.isEmpty() && !line.hasOption("image")) {
            throw new UsageException("give a VIDEO, or --image to make a clip from");
        }
        int frames = Values.get(line, "frames", 300);
        if (frames == 0 && positional.isEmpty()) { // 0 means "all of VIDEO"; a made clip needs a length
            throw new UsageException("--frames must be an integer in 1..100000, got '0'");
        }
        int rounds = Values.get(line, "rounds", 2);
        int workers = Values.get(line, "workers", VideoRun.defaultWorkers());
        int instances = Values.get(line, "instances", model == null ? 1 : VideoRun.defaultInstances(model, workers));
        int[] size = Values.get(line, "size", new int[] {1920, 1080});
        if (noDetect && line.hasOption(GpuPreprocessOption.NAME)) {
            throw new UsageException("--" + GpuPreprocessOption.NAME + " prepares the network's input; --no-detect runs no network: drop one");
        }
        Optional<Path> keepClip = Values.get(line, "keep-clip");
        if (keepClip.isPresent()) {
            try {
                VideoContainer.forFile(keepClip.get());
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        return new Flags(Optional.ofNullable(model), Values.get(line, "weights"), positional.stream().findFirst(),
                Values.get(line, "image"), frames, size, keepClip, rounds, workers, instances,
                Values.get(line, "warm-frames", DEFAULT_WARM_FRAMES), line.hasOption("profile"), line.hasOption(GpuPreprocessOption.NAME));
    }

    @Override
    public int run(Flags flags, Console console) throws Exception {
        boolean noDetect = flags.model().isEmpty();
        Path model = flags.model().orElse(null);
        Optional<String> video = flags.video();
        int frames = flags.frames();
        int rounds = flags.rounds();
        int workers = flags.workers();
        int instances = flags.instances();
        int[] size = flags.size();
        Optional<Path> keepClip = flags.keepClip();
        Path clipDir = null;
        try {
            VideoSource source;
            if (video.isEmpty()) {
                clipDir = Files.createTempDirectory("trtpipe-bench-video");
                Path clip = keepClip.isPresent() ? keepClip.get()
                        : clipDir.resolve("clip-" + size[0] + "x" + size[1] + ".mp4");
                BufferedImage still = readImage(flags.still().orElseThrow());
                long start = System.nanoTime();
                // atomically: a kept clip is complete or absent
                AtomicFile.write(clip, temporary -> SyntheticClip.write(temporary, VideoContainer.forFile(clip), still, size[0],
                        size[1], frames, 30));
                console.err().println(String.format(Locale.ROOT, "made %s: %d frames H.264 in %.1f s (%s)", clip.getFileName(), frames,
                        (System.nanoTime() - start) / 1e9, CommonOptions.size(Files.size(clip))));
                source = VideoSource.parse(clip.toString());
            } else {
                source = VideoSource.parse(video.get());
            }
            long maxFrames = video.isEmpty() ? 0 : frames;
            VideoBenchmark.Plan plan = new VideoBenchmark.Plan(workers, rounds, maxFrames, flags.warmFrames());
            if (noDetect) {
                console.err().println("no network: decoding, hand-over and conversion to RGB only, " + workers + " workers");
                print(VideoBenchmark.runWithoutDetection(source, plan), "decode + convert", flags, console);
                return ExitCode.OK;
            }
            BackendRequest request = new BackendRequest(model, flags.weights(), 0);
            BatchDetector.InputPreparation preparation = GpuPreprocessOption.resolve(flags.gpuPreprocess(), request, console);
            try (SharedBackend backend = Backends.openShared(request, instances)) {
                Supplier<Detector> detectors = () -> Detector.fromMetadata(model.toString(), backend, DetectorSettings.defaults());
                Detector detector = detectors.get();
                // a model the GPU preprocessing cannot serve is refused here, in one line, not on a worker
                new BatchDetector(detector, 1, preparation);
                console.err().println(DetectCommand.describe(model, backend, detector) + ", " + workers + " workers, "
                        + instances + " instance(s)" + GpuPreprocessOption.note(preparation));
                if (preparation == BatchDetector.InputPreparation.BACKEND) {
                    verifyOnFirstFrame(source, console);
                }
                VideoBenchmark.Result r = VideoBenchmark.run(source, () -> FrameDetectors.perWorker(detectors, preparation, source.spec()).get(),
                        plan);
                print(r, "decode + detect", flags, console);
            }
        } finally {
            deleteTree(clipDir);
        }
        return ExitCode.OK;
    }

    private static void print(VideoBenchmark.Result r, String pass, Flags flags, Console console) {
        console.out().print(table(r, pass));
        if (flags.profile()) {
            console.out().print(VideoProfileTable.table(r.profile(), r.profileNanos(), flags.workers(), r.decodeFps()));
        }
    }

    /** Before measuring the GPU path: the kernel against the Java one on awkward sizes and on the video's first frame. */
    private static void verifyOnFirstFrame(VideoSource source, Console console) throws IOException {
        try (VideoReader reader = VideoReader.open(source, RetryPolicy.of(0), Duration.ofSeconds(10))) {
            Optional<VideoFrame> first = reader.next(true);
            if (first.isPresent() && !GpuPreprocessOption.verify(first.get().toRgb(), source.spec() + " frame 0", console)) {
                console.warn("the GPU preprocessing differs from the CPU's (table above): its figures below are not of the same work");
            }
        }
    }

    /** @param pass what the second pass did, 16 characters at most */
    static String table(VideoBenchmark.Result r, String pass) {
        return String.format(Locale.ROOT, """
                video            %s (%dx%d, %d frames)
                decode only      %8.1f frames/s
                %-16s %8.1f frames/s
                ratio            %8.1f %%   (target >= %.0f %%: %s)
                steady state     frames %d..%d of each pass timed (the first %d warm up); whole passes: %.1f and %.1f frames/s (%.1f %%)
                """, r.source(), r.width(), r.height(), r.frames(), r.decodeFps(), pass, r.detectFps(), 100 * r.ratio(),
                100 * TARGET, r.ratio() >= TARGET ? "met" : "not met", r.warmFrames() + 1, r.frames() - 1, r.warmFrames() + 1,
                r.decode().whole(), r.pipeline().whole(), 100 * r.wholeRatio());
    }

    private static BufferedImage readImage(Path image) throws IOException {
        BufferedImage still = ImageIO.read(image.toFile());
        if (still == null) {
            throw new IOException(image + ": not an image this Java runtime can read; give a PNG");
        }
        return still;
    }

    /** {@code --size WxH} of the made clip. */
    private static final ValueType<int[]> SIZE = Values.requirement("must be WxH with each side in 16..8192, e.g. 1920x1080",
            BenchVideoCommand::size);

    private static int[] size(String text) {
        String[] parts = text.toLowerCase(Locale.ROOT).split("x");
        if (parts.length != 2) {
            return null;
        }
        int w = Integer.parseInt(parts[0].strip());
        int h = Integer.parseInt(parts[1].strip());
        return w >= 16 && h >= 16 && w <= 8192 && h <= 8192 ? new int[] {w, h} : null;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
