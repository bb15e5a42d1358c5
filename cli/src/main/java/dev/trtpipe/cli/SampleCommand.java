package dev.trtpipe.cli;

import dev.trtpipe.detect.DetectionResult;
import dev.trtpipe.samples.darknet.PublishedFiles;
import dev.trtpipe.samples.yolov3.TensorRtSampleDifferences;
import dev.trtpipe.samples.yolov3.Yolov3Sample;
import dev.trtpipe.samples.yolov3.Yolov3SampleResult;
import dev.trtpipe.samples.yolov3.Yolov3SampleSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code trtpipe sample yolov3}: TensorRT's yolov3_onnx sample ({@code yolov3_to_onnx.py} +
 * {@code onnx_to_tensorrt.py}) as one guided command, with ONNX Runtime standing in where TensorRT is absent.
 */
final class SampleCommand implements ParsedCommand<Yolov3SampleSettings> {

    /** Rows of the detection table on the console; the JSON report has all of them. */
    private static final int TABLE_ROWS = 20;
    private static final Path DEFAULT_IMAGE = Path.of("images", "dog.jpg");
    private static final Path DEFAULT_OUT_DIR = Path.of("yolov3-sample");

    private SampleCommand() {
    }

    /** {@code trtpipe sample}: one subcommand per guided sample. */
    static CommandGroup group() {
        return new CommandGroup("sample", "run a guided sample: 'sample yolov3' = TensorRT's yolov3_onnx sample in one command",
                List.of(new SampleCommand()), "missing the sample's name: trtpipe sample yolov3 ...",
                words -> "unknown sample '" + words + "'; available: yolov3");
    }

    @Override
    public String name() {
        return "yolov3";
    }

    @Override
    public String summary() {
        return "TensorRT's yolov3_onnx sample (yolov3_to_onnx.py + onnx_to_tensorrt.py) in one command";
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Option.builder().longOpt("cfg").hasArg().argName("file").converter(Values.PATH)
                        .desc("darknet .cfg (required), e.g. pjreddie's yolov3.cfg (608x608)").get())
                .addOption(Option.builder().longOpt("weights").hasArg().argName("file").converter(Values.PATH)
                        .desc("darknet .weights, e.g. yolov3.weights from " + PublishedFiles.YOLOV3_WEIGHTS.source()
                                + " (248 MB); or --random-weights").get())
                .addOption(Option.builder().longOpt("random-weights")
                        .desc("generate random weights of the right size instead (every stage runs; nothing is detected)").get())
                .addOption(Option.builder().longOpt("image").hasArg().argName("file").converter(Values.PATH)
                        .desc("image to detect on (default " + DEFAULT_IMAGE + "); PNG where the Java runtime has no JPEG decoder").get())
                .addOption(CommonOptions.precisionOption("fp32|fp16"))
                .addOption(CommonOptions.optLevelOption())
                .addOption(Option.builder().longOpt("names").hasArg().argName("file").converter(Values.PATH)
                        .desc("class names (default: COCO for 80-class models, else class numbers)").get())
                .addOption(Option.builder().longOpt("out-dir").hasArg().argName("dir").converter(Values.PATH)
                        .desc("where the ONNX, engine and reports go (default " + DEFAULT_OUT_DIR + ")").get());
    }

    @Override
    public int run(Yolov3SampleSettings settings, Console console) throws Exception {
        console.out().println("trtpipe sample yolov3: TensorRT's yolov3_onnx sample (yolov3_to_onnx.py + onnx_to_tensorrt.py)"
                + " in one command");
        long start = System.nanoTime();
        Yolov3SampleResult result = Yolov3Sample.run(settings, console.out());
        double seconds = (System.nanoTime() - start) / 1e9;
        console.out().print(DetectionTable.format(firstRows(result.detections()), result.names()));
        int hidden = result.detections().detections().size() - TABLE_ROWS;
        if (hidden > 0) {
            console.out().printf("  ... and %d more, in %s%n", hidden, result.reports().get(0));
        }
        console.out().printf(Locale.ROOT, "backend: %s%s; all steps %.1f s%n", result.backend(), result.tensorRtMissing()
                .map(m -> " (TensorRT missing here, the engine step was skipped: the same ONNX ran on ONNX Runtime)").orElse(""), seconds);
        if (result.randomWeights()) {
            console.out().println("weights: random (--random-weights), so no detections; for real ones pass --weights with "
                    + PublishedFiles.YOLOV3_WEIGHTS.source());
        } else if (result.weights().published().isEmpty()) {
            console.out().println("weights: unverified (" + result.weights().verdict() + ")");
        }
        console.out().println("trtpipe processes images and boxes as darknet does; TensorRT's sample differs:");
        TensorRtSampleDifferences.LINES.forEach(l -> console.out().println("  - " + l));
        return ExitCode.OK;
    }

    @Override
    public Yolov3SampleSettings parse(CommandLine line) throws UsageException {
        Path cfg = CommonOptions.requiredPath(line, "cfg");
        if (line.hasOption("weights") == line.hasOption("random-weights")) {
            throw new UsageException("pass either --weights FILE (e.g. " + PublishedFiles.YOLOV3_WEIGHTS.source()
                    + ") or --random-weights");
        }
        try {
            return new Yolov3SampleSettings(cfg, Values.get(line, "weights"), Values.get(line, "image", DEFAULT_IMAGE),
                    Values.get(line, "out-dir", DEFAULT_OUT_DIR), CommonOptions.precision(line),
                    CommonOptions.optimizationLevel(line), Values.get(line, "names"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static DetectionResult firstRows(DetectionResult result) {
        return result.detections().size() <= TABLE_ROWS ? result : new DetectionResult(result.source(), result.image(),
                result.detections().subList(0, TABLE_ROWS), result.timings());
    }
}
