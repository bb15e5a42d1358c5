package dev.trtpipe.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trtpipe.darknet.DetectionSpec;
import dev.trtpipe.darknet.io.AtomicFiles;
import dev.trtpipe.detect.ClassNames;
import dev.trtpipe.detect.BatchDetectionPool;
import dev.trtpipe.detect.BatchDetector;
import dev.trtpipe.detect.DarknetPipeline;
import dev.trtpipe.detect.DetectionPipeline;
import dev.trtpipe.detect.DetectionPool;
import dev.trtpipe.detect.DetectionResult;
import dev.trtpipe.detect.Detector;
import dev.trtpipe.detect.DetectorSettings;
import dev.trtpipe.detect.ImageOutcome;
import dev.trtpipe.detect.InferenceBackend;
import dev.trtpipe.detect.SharedBackend;
import dev.trtpipe.detect.backend.BackendRequest;
import dev.trtpipe.detect.backend.Backends;
import dev.trtpipe.detect.inputs.ImageInputs;
import dev.trtpipe.detect.inputs.InputImage;
import dev.trtpipe.detect.report.DetectionJson;
import dev.trtpipe.detect.report.DetectionPainter;
import dev.trtpipe.detect.tao.TaoPipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code trtpipe detect}: runs a converted model on images with darknet's pre- and post-processing and
 * reports the detections (table or JSON Lines), optionally writing a JSON report and an annotated PNG
 * per image. The backend is chosen from the model file by {@link Backends} (ONNX Runtime for {@code .onnx},
 * trt-builder's TensorRT provider for {@code .plan}/{@code .engine}), so new model kinds need no change here.
 * Inputs may be files, folders, globs and {@code @lists} ({@link ImageInputs}); they go through a
 * {@link BatchDetectionPool}, so one batch's CPU stages overlap another's network, {@code --batch} images per
 * network call; results are printed in input order all the same. An unreadable image is one line on
 * stderr and the run goes on; the exit code is then 1.
 */
final class DetectCommand implements ParsedCommand<DetectCommand.Flags> {

    /**
     * detect's typed options: the detection settings, the model and how to open it, the nvinfer flags (their warnings
     * print when it runs), and either a video run or a batch of images.
     */
    record Flags(DetectionFlags detection, Path model, BackendRequest request, TaoSpecOptions tao, Optional<VideoRun> video,
                 Optional<ImageBatch> images) {
    }

    /** The images to detect on, located once, and how: batch size, reports, output form, pool, engine handling. */
    record ImageBatch(List<Path> files, int batch, Optional<Path> outDir, Optional<ReportTargets> reports, boolean json,
                      boolean timingLines, int workers, int instances, boolean rebuild, boolean gpuPreprocess) {
    }

    /** Beyond a few workers the CPU stages keep even a fast engine busy; more only add threads and memory. */
    private static final int DEFAULT_MAX_WORKERS = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 8));

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Model files {@link EngineRefresh} may rebuild. */
    private static final java.util.Set<String> ENGINE_EXTENSIONS = java.util.Set.of("plan", "engine");

    /**
     * Option ranges, checked before anything is opened: past these a value only costs threads and memory
     * (--workers 100000 used 5.7 GB before failing, --threads 100000 hung ONNX Runtime).
     */
    static final int MAX_THREADS = 256;
    static final int MAX_WORKERS = 256;
    static final int MAX_INSTANCES = 16;
    /** Past this a batch of 320x320 images alone holds over a gigabyte of input tensors. */
    static final int MAX_BATCH = 1024;

    @Override
    public String name() {
        return "detect";
    }

    @Override
    public String summary() {
        return "detect objects in images with a darknet model (.cfg + .weights or .onnx on the CPU, TensorRT engines on the GPU)"
                + " or a TAO detector (--nvinfer-config, or a model carrying its tao.* spec)";
    }

    @Override
    public Options options() {
        Options o = new Options();
        // --model and --image are required, but checked in run(): Commons CLI would reject '--help' without them
        o.addOption(Option.builder().longOpt("model").hasArg().converter(Values.PATH).argName("FILE")
                .desc("model to run (required): .onnx (ONNX Runtime, CPU), a darknet .cfg with --weights (converted in"
                        + " memory, CPU), or a TensorRT engine .plan/.engine built by trtpipe (GPU; reads its FILE.json sidecar)").get());
        o.addOption(Option.builder().longOpt("image").hasArg().converter(Values.TEXT).argName("INPUT")
                .desc("images to detect on (required, or as positional arguments): a file (JPEG, PNG, BMP, GIF), a directory,"
                        + " a quoted glob like 'photos/*.jpg' or @list.txt (one path per line, darknet's valid= format); repeatable").get());
        o.addOption(Option.builder().longOpt("recursive")
                .desc("directories contribute their subfolders' images too").get());
        o.addOption(Option.builder().longOpt("jsonl")
                .desc("print one JSON object per image on stdout (JSON Lines, input order; an unreadable image gets"
                        + " {\"image\":…,\"error\":…}); the summary goes to stderr").get());
        o.addOption(Option.builder().longOpt("rebuild")
                .desc("a TensorRT engine built by another TensorRT version or for another GPU generation is rebuilt in place"
                        + " from the ONNX its sidecar names, with the same flags, instead of failing").get());
        o.addOption(Option.builder().longOpt("batch").hasArg().converter(Values.intIn(1, MAX_BATCH)).argName("N")
                .desc("images per network call, 1..1024 (default 1): for an ONNX model with a dynamic batch, or an engine built with"
                        + " onnx2trt --batch min:opt:max where max >= N").get());
        o.addOption(Option.builder().longOpt("weights").hasArg().converter(Values.PATH).argName("FILE")
                .desc("darknet .weights, for a .cfg model").get());
        o.addOption(GpuPreprocessOption.option());
        o.addOption(Option.builder().longOpt("out-dir").hasArg().converter(Values.PATH).argName("DIR")
                .desc("write <image>.detections.json and <image>.detections.png here").get());
        o.addOption(Option.builder().longOpt("json")
                .desc("print one JSON object per image (JSON Lines) instead of the table; times go to stderr").get());
        o.addOption(Option.builder().longOpt("threads").hasArg().converter(Values.intIn(1, MAX_THREADS)).argName("N")
                .desc("CPU inference threads of ONNX Runtime, 1.." + MAX_THREADS + " (default: one per core)").get());
        o.addOption(Option.builder().longOpt("workers").hasArg().converter(Values.intIn(1, MAX_WORKERS)).argName("N")
                .desc("images in progress at once: each worker loads, preprocesses and post-processes while another"
                        + " runs the network, 1.." + MAX_WORKERS + " (default: one per image, at most " + DEFAULT_MAX_WORKERS + ")").get());
        o.addOption(Option.builder().longOpt("instances").hasArg().converter(Values.intIn(1, MAX_INSTANCES)).argName("K")
                .desc("copies of the model the workers share, 1.." + MAX_INSTANCES + " (default 1;"
                        + " with --video, one per 4 workers for a TensorRT engine); 2 lets a TensorRT engine's copies to and from"
                        + " the GPU overlap another copy's compute").get());
        DetectionFlags.addTo(o);
        TaoSpecOptions.addTo(o);
        VideoRun.addOptions(o);
        return o;
    }

    @Override
    public String positionalUsage() {
        return "[IMAGE | DIR | GLOB | @LIST ...]";
    }

    @Override
    public Set<String> repeatableOptions() {
        return Set.of("image", "video", "out-video"); // one --out-video per --video
    }

    @Override
    public Set<String> outputOptions() {
        return Set.of("out-dir", "out-video");
    }

    @Override
    public Flags parse(CommandLine line) throws UsageException, IOException {
        DetectionFlags detection = DetectionFlags.parse(line);
        if (line.hasOption("video")) {
            VideoRun video = VideoRun.from(line);
            Path model = CommonOptions.requiredPath(line, "model");
            TaoSpecOptions tao = taoOptions(line, detection);
            return new Flags(detection, model, new BackendRequest(model, Values.get(line, "weights"), Values.get(line, "threads", 0)),
                    tao, Optional.of(video), Optional.empty());
        }
        List<String> inputs = new ArrayList<>(Values.all(line, "image"));
        inputs.addAll(line.getArgList());
        if (!line.hasOption("model") || inputs.isEmpty()) {
            throw new UsageException("--model and at least one --image are required");
        }
        Path model = CommonOptions.requiredPath(line, "model");
        int batch = Values.get(line, "batch", 1);
        List<InputImage> located = ImageInputs.locate(inputs, line.hasOption("recursive"));
        List<Path> images = located.stream().map(InputImage::file).toList();
        Optional<Path> outDir = Values.get(line, "out-dir");
        Optional<ReportTargets> reports = outDir.isPresent()
                ? Optional.of(ReportTargets.plan(outDir.get(), located, modelFiles(line))) : Optional.empty();
        BackendRequest request = new BackendRequest(model, Values.get(line, "weights"), Values.get(line, "threads", 0));
        boolean json = line.hasOption("json") || line.hasOption("jsonl");
        // --json's per-image timing lines predate --jsonl; over a folder they would drown the summary
        boolean timingLines = line.hasOption("json");
        TaoSpecOptions tao = taoOptions(line, detection);
        int batches = (images.size() + batch - 1) / batch;
        ImageBatch run = new ImageBatch(images, batch, outDir, reports, json, timingLines,
                Values.get(line, "workers", Math.min(batches, DEFAULT_MAX_WORKERS)), Values.get(line, "instances", 1),
                line.hasOption("rebuild"), line.hasOption(GpuPreprocessOption.NAME));
        return new Flags(detection, model, request, tao, Optional.empty(), Optional.of(run));
    }

    @Override
    public int run(Flags flags, Console console) throws Exception {
        DetectionFlags detection = flags.detection();
        DetectorSettings settings = detection.settings();
        Path model = flags.model();
        BackendRequest request = flags.request();
        TaoSpecOptions tao = flags.tao();
        tao.printWarnings(console.err());
        if (flags.video().isPresent()) {
            return flags.video().get().run(detection.names(), model, request, b -> tao.detector(model.toString(), b, settings), console);
        }
        ImageBatch run = flags.images().orElseThrow();
        List<Path> images = run.files();
        int batch = run.batch();
        Optional<Path> outDir = run.outDir();
        Optional<ReportTargets> reports = run.reports();
        boolean json = run.json();
        boolean timingLines = run.timingLines();
        int workers = run.workers();
        int instances = run.instances();
        if (run.rebuild() && ENGINE_EXTENSIONS.contains(request.extension())) {
            EngineRefresh.rebuildIfStale(model, console); // only here: an ONNX model must not load TensorRT's classes
        }
        BatchDetector.InputPreparation preparation = GpuPreprocessOption.resolve(run.gpuPreprocess(), request, console);
        try (SharedBackend backend = Backends.openShared(request, instances);
             BatchDetectionPool pool = new BatchDetectionPool(backend, workers, batch,
                     b -> tao.detector(model.toString(), b, settings), preparation)) {
            Detector detector = tao.detector(model.toString(), backend, settings);
            int classes = detector.pipeline().classes();
            Labels labels = labels(detection.names(), model, detector);
            ClassNames names = labels.names();
            Optional<Path> namesFile = labels.file();
            if (outDir.isPresent()) {
                Files.createDirectories(outDir.get());
            }
            (json ? console.err() : console.out()).println(describe(model, backend, detector) + GpuPreprocessOption.note(preparation)
                    + (namesFile.isPresent() && detection.names().isEmpty() ? ", names " + namesFile.get() : ""));
            long start = System.nanoTime();
            RunTally tally = new RunTally();
            Optional<ProgressBar> bar = ProgressBar.onTerminal(console, images.size());
            pool.detectFiles(images, outcome -> {
                if (outcome instanceof ImageOutcome.Detected detected) {
                    bar.ifPresent(ProgressBar::clearForStdout);
                    report(detected.result(), names, classes, reports, json, timingLines, console);
                    tally.detections += detected.result().detections().size();
                } else if (outcome instanceof ImageOutcome.Failed failed) {
                    bar.ifPresent(ProgressBar::clear);
                    console.err().println("trtpipe detect: " + failed.message());
                    if (json) { // one object per input, so that line N of the output is input N
                        console.out().println(failureLine(failed));
                    }
                    tally.failed++;
                }
                tally.done++;
                bar.ifPresent(b -> b.update(tally.done, tally.failed));
            });
            bar.ifPresent(ProgressBar::clear);
            if (images.size() > 1) {
                (json ? console.err() : console.out()).println(summary(images.size(), System.nanoTime() - start, workers, instances,
                        batch, tally));
            }
            return tally.failed > 0 ? ExitCode.BAD_INPUT : ExitCode.OK;
        }
    }

    /** {@code {"image":"x.png","error":"x.png: the file is empty …"}}. */
    private static String failureLine(ImageOutcome.Failed failed) {
        ObjectNode o = JSON.createObjectNode();
        o.put("image", failed.source());
        o.put("error", failed.message());
        return o.toString();
    }

    /** Counts of a run, for the summary and the exit code. */
    private static final class RunTally {
        int done;
        int failed;
        long detections;
    }

    private static String summary(int images, long nanos, int workers, int instances, int batch, RunTally tally) {
        double seconds = nanos / 1e9;
        return String.format(Locale.ROOT, "%d images in %.2f s: %.1f images/s (%d worker%s, %d instance%s), batch %d, %d detections, %s",
                images, seconds, images / seconds, workers, workers == 1 ? "" : "s", instances, instances == 1 ? "" : "s", batch,
                tally.detections, tally.failed == 0 ? "all read" : tally.failed + " could not be read (listed above)");
    }

    /** Prints one image's detections (and its report files), in input order, as the pool hands them over. */
    private static void report(DetectionResult result, ClassNames names, int classes, Optional<ReportTargets> reports, boolean json,
                               boolean timingLines, Console console) throws IOException {
        if (json) {
            console.out().println(DetectionJson.toLine(result, names));
            if (timingLines) {
                console.err().println(result.source() + ": " + result.timings().describe());
            }
        } else {
            console.out().print(DetectionTable.format(result, names));
        }
        if (reports.isPresent()) {
            // the JSON and the PNG appear together or not at all
            Path jsonFile = reports.get().json(result.source());
            Path pngFile = reports.get().png(result.source());
            new AtomicFiles().add(jsonFile, DetectionJson.fileWriter(result, names))
                    .add(pngFile, DetectionPainter.pngWriter(result, names, classes)).write();
            (json ? console.err() : console.out()).println("  wrote " + jsonFile + ", " + pngFile);
        }
    }

    /** The class names and the file they came from, if any. */
    record Labels(ClassNames names, Optional<Path> file) {

        /**
         * The class names of a model: {@code --names}, else a TAO model's labels, else the one names file beside
         * the model with as many names as it has classes; empty when there is none of these.
         */
        static Optional<Labels> find(Optional<Path> names, Path model, Detector detector) throws IOException {
            int classes = detector.pipeline().classes();
            if (names.isPresent()) {
                return Optional.of(new Labels(ClassNames.load(names.get(), classes), names));
            }
            if (detector.pipeline() instanceof TaoPipeline t && !t.spec().labels().isEmpty()) {
                return Optional.of(new Labels(ClassNames.of(t.spec().labels()), Optional.empty()));
            }
            Optional<Path> beside = ClassNames.besideModel(model, classes);
            return beside.isPresent() ? Optional.of(new Labels(ClassNames.load(beside.get(), classes), beside)) : Optional.empty();
        }
    }

    /** {@code --names}, else a TAO model's own labels, else the one fitting .names beside the model, else numbers. */
    static Labels labels(Optional<Path> names, Path model, Detector detector) throws IOException {
        return Labels.find(names, model, detector)
                .orElseGet(() -> new Labels(ClassNames.numbered(), Optional.empty()));
    }

    static String describe(Path model, InferenceBackend backend, Detector detector) {
        if (!(detector.pipeline() instanceof DarknetPipeline)) {
            DetectionPipeline p = detector.pipeline();
            return String.format(Locale.ROOT, "%s (%s): %dx%dx%d input, %d classes, %s, preprocessing %s", model,
                    backend.name(), p.inputChannels(), p.inputHeight(), p.inputWidth(), p.classes(),
                    p.describePostprocessing(), p.describePreprocessing());
        }
        DetectionSpec spec = detector.spec();
        return String.format(Locale.ROOT, "%s (%s): %dx%d input, %d classes, %s, %s, preprocessing %s",
                model, backend.name(), spec.inputWidth(), spec.inputHeight(), spec.classes(),
                detector.letterbox() ? "letterbox" : "resize", detector.describePostprocessing(), detector.resizeImplementation());
    }

    /** The TAO flags, with {@code --thresh} as every class's pre-cluster threshold when it is given. */
    private static TaoSpecOptions taoOptions(CommandLine line, DetectionFlags detection) throws UsageException, IOException {
        TaoSpecOptions tao = TaoSpecOptions.read(line);
        return detection.threshold().isPresent() ? tao.withThreshold(detection.threshold().get()) : tao;
    }

    /** The model, weights and names files: no report in --out-dir may overwrite them. */
    private static List<Path> modelFiles(CommandLine line) {
        List<Path> files = new ArrayList<>();
        for (String option : List.of("model", "weights", "names")) {
            Optional.ofNullable(line.getOptionValue(option)).map(Path::of).ifPresent(files::add);
        }
        return files;
    }
}
