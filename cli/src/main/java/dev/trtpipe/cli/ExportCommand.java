package dev.trtpipe.cli;

import dev.trtpipe.detect.ClassNames;
import dev.trtpipe.exporters.BboxParser;
import dev.trtpipe.exporters.DeepStreamExporter;
import dev.trtpipe.exporters.EngineSidecar;
import dev.trtpipe.exporters.ModelDescription;
import dev.trtpipe.exporters.ModelName;
import dev.trtpipe.exporters.OnnxModelReader;
import dev.trtpipe.exporters.OutputLayout;
import dev.trtpipe.exporters.TritonExporter;
import dev.trtpipe.trt.Precision;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code trtpipe export deepstream} and {@code trtpipe export triton}: deployment files for an ONNX model or a
 * TensorRT engine, one subcommand per target ({@link #group}), each with its own options.
 */
final class ExportCommand implements ParsedCommand<ExportCommand.Flags> {

    /**
     * An export's command line, typed.
     *
     * @param onnx       whether {@code model} is an ONNX model ({@code --onnx}) rather than an engine ({@code --engine})
     * @param modelName  {@code --model-name}; the model file's name when absent
     * @param deepStream DeepStream's own flags, present for {@code export deepstream}
     */
    record Flags(Path out, Path model, boolean onnx, Optional<Path> names, Optional<String> modelName, OptionalInt maxBatch,
                 boolean force, Optional<DeepStreamFlags> deepStream) {
    }

    /** {@code --precision --gpu-id --conf-thresh --nms-thresh --parse-func/--custom-lib}. */
    record DeepStreamFlags(Optional<Precision> precision, Optional<Integer> gpuId, Optional<Double> confThresh,
                           Optional<Double> nmsThresh, Optional<BboxParser> parser) {
    }

    private static final String DEEPSTREAM = "deepstream";
    private static final String TRITON = "triton";
    /** Ranges of --max-batch and --gpu-id (documented in docs/robustness.md). */
    static final int MAX_BATCH = 4096;
    static final int MAX_GPU_ID = 1023;
    private static final ValueType<Double> UNIT_INTERVAL = Values.doubleIn(0, true, 1, true);
    /** A name Triton and DeepStream accept as a directory and file name; the exporters' check words the message. */
    private static final ValueType<String> MODEL_NAME = Values.parsedBy(ModelName::checked);

    private final String target;

    private ExportCommand(String target) {
        this.target = target;
    }

    /** {@code trtpipe export}: its two targets. */
    static CommandGroup group() {
        String both = "'trtpipe export deepstream …' or 'trtpipe export triton …'";
        return new CommandGroup("export", "write a DeepStream nvinfer config or a Triton model repository entry for a model",
                List.of(new ExportCommand(DEEPSTREAM), new ExportCommand(TRITON)), "name one target: " + both,
                words -> "name one target: " + both + ", not " + words);
    }

    @Override
    public String name() {
        return target;
    }

    @Override
    public String summary() {
        return target.equals(DEEPSTREAM) ? "write a DeepStream nvinfer config (config_infer_primary_*.txt, labels.txt) for a model"
                : "write a Triton model repository entry (config.pbtxt and the model) for a model";
    }

    @Override
    public Options options() {
        Options o = new Options()
                .addOption(CommonOptions.path("onnx", "FILE", "the ONNX model to deploy"))
                .addOption(CommonOptions.path("engine", "FILE", "the TensorRT engine to deploy (needs its sidecar FILE.json)"))
                .addOption(CommonOptions.path("names", "FILE", target.equals(DEEPSTREAM) ? "class names, one per line (required)"
                        : "class names, one per line (labels.txt of the entry)"))
                .addOption(CommonOptions.path("out", "DIR", target.equals(DEEPSTREAM) ? "the config directory" : "the model repository"))
                .addOption(CommonOptions.value("model-name", "NAME", MODEL_NAME, "name to deploy under (default: the model file's name)"))
                .addOption(CommonOptions.value("max-batch", "N", Values.intIn(1, MAX_BATCH), "batch size 1.." + MAX_BATCH
                        + (target.equals(DEEPSTREAM) ? " (batch-size)" : " (max_batch_size)")))
                .addOption(Option.builder().longOpt("force").desc("overwrite existing files").get());
        if (target.equals(DEEPSTREAM)) {
            o.addOption(Option.builder().longOpt("precision").hasArg().argName("P").converter(CommonOptions.PRECISION)
                            .desc("ONNX only: fp32 (default), fp16 or int8 engine for nvinfer to build").get())
                    .addOption(CommonOptions.value("gpu-id", "N", Values.intIn(0, MAX_GPU_ID), "gpu-id 0.." + MAX_GPU_ID + " (default 0)"))
                    .addOption(CommonOptions.value("conf-thresh", "T", UNIT_INTERVAL, "pre-cluster-threshold in [0, 1] (default 0.25)"))
                    .addOption(CommonOptions.value("nms-thresh", "T", UNIT_INTERVAL, "nms-iou-threshold in [0, 1] (default 0.45)"))
                    .addOption(CommonOptions.value("parse-func", "NAME", Values.TEXT, "parse-bbox-func-name of your bbox parser"))
                    .addOption(CommonOptions.value("custom-lib", "PATH", Values.TEXT, "custom-lib-path of the library exporting --parse-func"));
        }
        return o;
    }

    @Override
    public Flags parse(CommandLine line) throws UsageException {
        Optional<Path> out = Values.get(line, "out");
        if (out.isEmpty()) {
            throw new UsageException("--out DIR is required");
        }
        if (line.hasOption("onnx") == line.hasOption("engine")) {
            throw new UsageException("pass exactly one of --onnx FILE and --engine FILE");
        }
        Optional<Path> onnx = Values.get(line, "onnx");
        Path model = onnx.isPresent() ? onnx.get() : Values.<Path>get(line, "engine").orElseThrow();
        Optional<Path> names = Values.get(line, "names");
        OptionalInt maxBatch = optionalInt(line, "max-batch");
        Optional<String> modelName = Values.get(line, "model-name");
        Optional<DeepStreamFlags> deepStream = Optional.empty();
        if (target.equals(DEEPSTREAM)) {
            if (names.isEmpty()) {
                throw new UsageException("--names FILE is required for deepstream (it becomes the labels file)");
            }
            deepStream = Optional.of(deepStreamFlags(line));
        }
        return new Flags(out.get(), model, onnx.isPresent(), names, modelName, maxBatch, line.hasOption("force"), deepStream);
    }

    @Override
    public int run(Flags flags, Console console) throws Exception {
        ModelDescription model = flags.onnx() ? OnnxModelReader.read(flags.model()) : EngineSidecar.read(flags.model());
        String modelName = flags.modelName().isPresent() ? flags.modelName().get() : ModelName.of(model.file());
        List<Path> written;
        if (flags.deepStream().isPresent()) {
            DeepStreamFlags ds = flags.deepStream().get();
            DeepStreamExporter.Options defaults = DeepStreamExporter.Options.defaults(modelName);
            DeepStreamExporter.Options options = new DeepStreamExporter.Options(modelName, ds.gpuId().orElse(defaults.gpuId()),
                    flags.maxBatch(), ds.precision(), ds.confThresh().orElse(defaults.preClusterThreshold()),
                    ds.nmsThresh().orElse(defaults.nmsIouThreshold()), ds.parser());
            List<String> names = classNames(flags.names().orElseThrow(), model);
            written = DeepStreamExporter.export(model, names, flags.out(), options, flags.force());
            if (OutputLayout.of(model).orElse(null) == OutputLayout.RAW_YOLO_HEADS && ds.parser().isEmpty()) {
                console.warn("the model outputs raw darknet heads: set parse-bbox-func-name and custom-lib-path in "
                        + written.get(0).getFileName() + " to a YOLO parser (its comments list the heads), or pass --parse-func/--custom-lib");
            }
        } else {
            Optional<List<String>> names = flags.names().isPresent() ? Optional.of(classNames(flags.names().get(), model)) : Optional.empty();
            written = TritonExporter.export(model, names, flags.out(), new TritonExporter.Options(modelName, flags.maxBatch()), flags.force());
        }
        written.forEach(p -> console.out().println("wrote " + p));
        return ExitCode.OK;
    }

    /** {@code --names}, checked against the model's class count when its darknet metadata gives one. */
    private static List<String> classNames(Path file, ModelDescription model) throws IOException {
        ClassNames names = model.detection().isPresent()
                ? ClassNames.load(file, model.detection().get().classes()) : ClassNames.load(file);
        return names.names();
    }

    /** DeepStream's own flags; what they leave unset takes the exporter's defaults, which depend on the model's name. */
    private static DeepStreamFlags deepStreamFlags(CommandLine line) throws UsageException {
        if (line.hasOption("parse-func") != line.hasOption("custom-lib")) {
            throw new UsageException("--parse-func and --custom-lib go together: the function and the library exporting it");
        }
        Optional<BboxParser> parser = line.hasOption("parse-func")
                ? Optional.of(new BboxParser(Values.<String>get(line, "parse-func").orElseThrow(),
                        Values.<String>get(line, "custom-lib").orElseThrow()))
                : Optional.empty();
        return new DeepStreamFlags(Values.get(line, "precision"), Values.get(line, "gpu-id"), Values.get(line, "conf-thresh"),
                Values.get(line, "nms-thresh"), parser);
    }

    private static OptionalInt optionalInt(CommandLine line, String option) throws UsageException {
        Optional<Integer> value = Values.get(line, option);
        return value.isPresent() ? OptionalInt.of(value.get()) : OptionalInt.empty();
    }
}
