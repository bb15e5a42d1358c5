package dev.trtpipe.cli;

import dev.trtpipe.detect.BatchDetector;
import dev.trtpipe.detect.Detector;
import dev.trtpipe.detect.DetectorSettings;
import dev.trtpipe.detect.InferenceBackend;
import dev.trtpipe.detect.backend.BackendRequest;
import dev.trtpipe.detect.backend.Backends;
import dev.trtpipe.detect.preprocess.ImageLoader;
import dev.trtpipe.detect.preprocess.RgbImage;
import dev.trtpipe.tools.bench.BatchSweep;
import dev.trtpipe.tools.bench.BatchSweepReport;
import dev.trtpipe.tools.bench.Budget;
import dev.trtpipe.tools.bench.DetectBenchReport;
import dev.trtpipe.tools.bench.DetectBenchResult;
import dev.trtpipe.tools.bench.DetectBenchmark;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code trtpipe bench-detect}: end-to-end detection throughput at batch 1 against the backend alone, in
 * one process on one model and image. For a TensorRT engine the baseline is the engine-only loop
 * (enqueue + synchronize); the target is pooled detection at 90 % of it. The model is opened exactly as
 * {@code trtpipe detect} opens it ({@link Backends}), so every model kind {@code detect} runs can be
 * benchmarked.
 */
final class BenchDetectCommand implements ParsedCommand<BenchDetectCommand.Flags> {

    /**
     * bench-detect's typed options: the model and image, the measuring budget and pool, the batch sizes of the sweep
     * (empty: the four stages), and the nvinfer flags (their warnings print when it runs).
     */
    record Flags(BackendRequest request, Path image, Budget budget, int threads, int instances, int rounds, List<Integer> batches,
                 boolean gpuPreprocess, boolean json, TaoSpecOptions tao) {
    }

    private static final double DEFAULT_SECONDS = 2;
    private static final int DEFAULT_ROUNDS = 3;

    @Override
    public String name() {
        return "bench-detect";
    }

    @Override
    public String summary() {
        return "benchmark detect (1 thread and pooled) against the backend and engine-only loops";
    }

    @Override
    public Options options() {
        Options o = new Options()
                .addOption(Option.builder().longOpt("model").hasArg().argName("FILE").converter(Values.PATH)
                        .desc("model to run, as for detect (required): .onnx (ONNX Runtime, CPU), .plan or .engine (TensorRT)").get())
                .addOption(CommonOptions.path("weights", "FILE", "darknet .weights, for a .cfg model"))
                .addOption(CommonOptions.path("image", "FILE", "image to detect on (required); decoded once"))
                .addOption(Option.builder().longOpt("seconds").hasArg().argName("S").converter(Values.doubleIn(0, false, 600, true))
                        .desc("measure each stage for S seconds per round (default " + DEFAULT_SECONDS + ")").get())
                .addOption(Option.builder().longOpt("iterations").hasArg().argName("N").converter(Values.intIn(1, Integer.MAX_VALUE))
                        .desc("measure each stage over N images per round instead").get())
                .addOption(Option.builder().longOpt("rounds").hasArg().argName("R").converter(Values.intIn(1, 20))
                        .desc("rounds of the four stages, interleaved against drift; medians are reported (default " + DEFAULT_ROUNDS + ")").get())
                .addOption(Option.builder().longOpt("threads").hasArg().argName("T").converter(Values.intIn(1, 64))
                        .desc("pool threads (default: available processors, at most 8, here " + defaultThreads() + ")").get())
                .addOption(Option.builder().longOpt("instances").hasArg().argName("K").converter(Values.intIn(1, 8))
                        .desc("backend instances the pool shares (default 1; e.g. 2 TensorRT contexts overlap copies with compute)").get())
                .addOption(Option.builder().longOpt("batches").hasArg().argName("N,N,...").converter(BATCH_SIZES)
                        .desc("instead of the four stages: pooled batched detect against the engine-only loop (ONNX Runtime:"
                                + " infer()) at each batch size, e.g. 1,2,4,8,16,32; needs a dynamic batch (onnx2trt --batch)").get())
                .addOption(Option.builder().longOpt("json").desc("print one JSON object on stdout; the table goes to stderr").get())
                .addOption(Option.builder().longOpt(GpuPreprocessOption.NAME)
                        .desc("with --batches and an engine: also pooled detect with resize/letterbox on the GPU (see detect"
                                + " --gpu-preprocess), in the same rounds").get());
        // a TAO detector runs as detect runs it: with its nvinfer config, or with the spec its model carries
        TaoSpecOptions.addTo(o);
        return o;
    }

    @Override
    public Flags parse(CommandLine line) throws UsageException, IOException {
        Path model = CommonOptions.requiredPath(line, "model");
        Path imagePath = CommonOptions.requiredPath(line, "image");
        Budget budget = budget(line);
        BackendRequest request = new BackendRequest(model, Values.get(line, "weights"), 0);
        List<Integer> batches = Values.get(line, "batches", List.of());
        TaoSpecOptions tao = TaoSpecOptions.read(line);
        boolean gpuPreprocess = line.hasOption(GpuPreprocessOption.NAME);
        if (gpuPreprocess && batches.isEmpty()) {
            throw new UsageException("--" + GpuPreprocessOption.NAME + " is measured by the batch sweep: add --batches, e.g. --batches 1,8,32");
        }
        return new Flags(request, imagePath, budget, Values.get(line, "threads", defaultThreads()), Values.get(line, "instances", 1),
                Values.get(line, "rounds", DEFAULT_ROUNDS), batches, gpuPreprocess, line.hasOption("json"), tao);
    }

    @Override
    public int run(Flags flags, Console console) throws Exception {
        BackendRequest request = flags.request();
        Path imagePath = flags.image();
        Budget budget = flags.budget();
        int threads = flags.threads();
        int instances = flags.instances();
        int rounds = flags.rounds();
        List<Integer> batches = flags.batches();

        TaoSpecOptions tao = flags.tao();
        tao.printWarnings(console.err());
        String modelName = request.model().toString();
        DetectorSettings settings = DetectorSettings.defaults();
        Function<InferenceBackend, Detector> detectors = backend -> tao.detector(modelName, backend, settings);

        BatchDetector.InputPreparation alsoPooled = GpuPreprocessOption.resolve(flags.gpuPreprocess(), request, console);

        RgbImage image = ImageLoader.load(imagePath);
        if (alsoPooled == BatchDetector.InputPreparation.BACKEND && !GpuPreprocessOption.verify(image, imagePath.toString(), console)) {
            console.warn("the GPU preprocessing differs from the CPU's (table above): its figures below are not of the same work");
        }
        if (!batches.isEmpty()) {
            BatchSweep.Result sweep = new BatchSweep(budget, rounds, threads, instances, batches, detectors, alsoPooled)
                    .run(request, image, imagePath.toString());
            console.out().print(flags.json() ? BatchSweepReport.json(sweep) + System.lineSeparator() : BatchSweepReport.table(sweep));
            if (flags.json()) {
                console.err().print(BatchSweepReport.table(sweep));
            }
            return ExitCode.OK;
        }
        DetectBenchResult result = new DetectBenchmark(budget, rounds, threads, instances, detectors).run(request, image, imagePath.toString());
        if (flags.json()) {
            console.err().print(DetectBenchReport.table(result));
            console.out().println(DetectBenchReport.json(result));
        } else {
            console.out().print(DetectBenchReport.table(result));
        }
        return ExitCode.OK;
    }

    private static Budget budget(CommandLine line) throws UsageException {
        if (line.hasOption("seconds") && line.hasOption("iterations")) {
            throw new UsageException("--seconds and --iterations exclude each other; pick one");
        }
        if (line.hasOption("iterations")) {
            return Budget.ofIterations(Values.get(line, "iterations", 1));
        }
        return Budget.ofSeconds(Values.get(line, "seconds", DEFAULT_SECONDS));
    }

    /** {@code 1,2,4,8}: distinct positive sizes, in the order given. */
    static final ValueType<List<Integer>> BATCH_SIZES = Values.requirement(
            "must be distinct batch sizes from 1 to 4096 separated by commas, like 1,2,4,8", BenchDetectCommand::batchSizes);

    private static List<Integer> batchSizes(String text) {
        List<Integer> sizes = new ArrayList<>();
        for (String part : text.split(",")) {
            int n = Integer.parseInt(part.strip());
            if (n < 1 || n > 4096 || sizes.contains(n)) {
                return null;
            }
            sizes.add(n);
        }
        return sizes;
    }

    private static int defaultThreads() {
        return Math.min(8, Runtime.getRuntime().availableProcessors());
    }
}
