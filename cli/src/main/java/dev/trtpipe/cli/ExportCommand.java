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

/** {@code trtpipe export deepstream|triton}: deployment files for an ONNX model or a TensorRT engine. */
final class ExportCommand implements Command {

    private static final String DEEPSTREAM = "deepstream";
    private static final String TRITON = "triton";
    /** Ranges of --max-batch and --gpu-id (documented in docs/robustness.md). */
    static final int MAX_BATCH = 4096;
    static final int MAX_GPU_ID = 1023;
    /** Options that only shape a DeepStream config. */
    private static final List<String> DEEPSTREAM_ONLY =
            List.of("precision", "gpu-id", "conf-thresh", "nms-thresh", "parse-func", "custom-lib");

    @Override
    public String name() {
        return "export";
    }

    @Override
    public String summary() {
        return "write a DeepStream nvinfer config or a Triton model repository entry for a model";
    }

    @Override
    public String positionalUsage() {
        return "deepstream|triton";
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(value("onnx", "FILE", "the ONNX model to deploy"))
                .addOption(value("engine", "FILE", "the TensorRT engine to deploy (needs its sidecar FILE.json)"))
                .addOption(value("names", "FILE", "class names, one per line (required for deepstream)"))
                .addOption(value("out", "DIR", "deepstream: the config directory; triton: the model repository"))
                .addOption(value("model-name", "NAME", "name to deploy under (default: the model file's name)"))
                .addOption(value("max-batch", "N", "batch size 1.." + MAX_BATCH + " (deepstream batch-size, triton max_batch_size)"))
                .addOption(value("precision", "P", "deepstream, ONNX only: fp32 (default), fp16 or int8 engine for nvinfer to build"))
                .addOption(value("gpu-id", "N", "deepstream: gpu-id 0.." + MAX_GPU_ID + " (default 0)"))
                .addOption(value("conf-thresh", "T", "deepstream: pre-cluster-threshold in [0, 1] (default 0.25)"))
                .addOption(value("nms-thresh", "T", "deepstream: nms-iou-threshold in [0, 1] (default 0.45)"))
                .addOption(value("parse-func", "NAME", "deepstream: parse-bbox-func-name of your bbox parser"))
                .addOption(value("custom-lib", "PATH", "deepstream: custom-lib-path of the library exporting --parse-func"))
                .addOption(Option.builder().longOpt("force").desc("overwrite existing files").get());
    }

    private static Option value(String name, String arg, String description) {
        return Option.builder().longOpt(name).hasArg().argName(arg).desc(description).get();
    }

    @Override
    public int run(CommandLine line, Console console) throws Exception {
        String target = target(line);
        if (!line.hasOption("out")) {
            throw new UsageException("--out DIR is required");
        }
        if (target.equals(TRITON)) {
            for (String option : DEEPSTREAM_ONLY) {
                if (line.hasOption(option)) {
                    throw new UsageException("--" + option + " applies to 'export deepstream' only");
                }
            }
        }
        ModelDescription model = model(line);
        String modelName = line.hasOption("model-name") ? ModelName.checked(line.getOptionValue("model-name"))
                : ModelName.of(model.file());
        OptionalInt maxBatch = optionalInt(line, "max-batch", 1, MAX_BATCH);
        Path out = Path.of(line.getOptionValue("out"));
        boolean force = line.hasOption("force");
        List<Path> written;
        if (target.equals(DEEPSTREAM)) {
            if (!line.hasOption("names")) {
                throw new UsageException("--names FILE is required for deepstream (it becomes the labels file)");
            }
            DeepStreamExporter.Options options = deepStreamOptions(line, modelName, maxBatch); // usage before files
            List<String> names = classNames(line, model);
            written = DeepStreamExporter.export(model, names, out, options, force);
            if (OutputLayout.of(model).orElse(null) == OutputLayout.RAW_YOLO_HEADS && !line.hasOption("parse-func")) {
                console.warn("the model outputs raw darknet heads: set parse-bbox-func-name and custom-lib-path in "
                        + written.get(0).getFileName() + " to a YOLO parser (its comments list the heads), or pass --parse-func/--custom-lib");
            }
        } else {
            Optional<List<String>> names = line.hasOption("names") ? Optional.of(classNames(line, model)) : Optional.empty();
            written = TritonExporter.export(model, names, out, new TritonExporter.Options(modelName, maxBatch), force);
        }
        written.forEach(p -> console.out().println("wrote " + p));
        return ExitCode.OK;
    }

    private static String target(CommandLine line) throws UsageException {
        List<String> args = line.getArgList();
        if (args.size() != 1 || !(args.get(0).equals(DEEPSTREAM) || args.get(0).equals(TRITON))) {
            throw new UsageException("name one target: 'trtpipe export deepstream …' or 'trtpipe export triton …'"
                    + (args.isEmpty() ? "" : ", not " + String.join(" ", args)));
        }
        return args.get(0);
    }

    /** {@code --names}, checked against the model's class count when its darknet metadata gives one. */
    private static List<String> classNames(CommandLine line, ModelDescription model) throws IOException {
        Path file = Path.of(line.getOptionValue("names"));
        ClassNames names = model.detection().isPresent()
                ? ClassNames.load(file, model.detection().get().classes()) : ClassNames.load(file);
        return names.names();
    }

    private static ModelDescription model(CommandLine line) throws Exception {
        if (line.hasOption("onnx") == line.hasOption("engine")) {
            throw new UsageException("pass exactly one of --onnx FILE and --engine FILE");
        }
        return line.hasOption("onnx") ? OnnxModelReader.read(Path.of(line.getOptionValue("onnx")))
                : EngineSidecar.read(Path.of(line.getOptionValue("engine")));
    }

    private static DeepStreamExporter.Options deepStreamOptions(CommandLine line, String modelName, OptionalInt batch)
            throws UsageException {
        if (line.hasOption("parse-func") != line.hasOption("custom-lib")) {
            throw new UsageException("--parse-func and --custom-lib go together: the function and the library exporting it");
        }
        DeepStreamExporter.Options defaults = DeepStreamExporter.Options.defaults(modelName);
        Optional<BboxParser> parser = line.hasOption("parse-func")
                ? Optional.of(new BboxParser(line.getOptionValue("parse-func"), line.getOptionValue("custom-lib")))
                : Optional.empty();
        Optional<Precision> precision = line.hasOption("precision")
                ? Optional.of(Precision.parse(line.getOptionValue("precision"))) : Optional.empty();
        return new DeepStreamExporter.Options(modelName, optionalInt(line, "gpu-id", 0, MAX_GPU_ID).orElse(defaults.gpuId()), batch,
                precision, number(line, "conf-thresh", defaults.preClusterThreshold()),
                number(line, "nms-thresh", defaults.nmsIouThreshold()), parser);
    }

    private static OptionalInt optionalInt(CommandLine line, String option, int min, int max) throws UsageException {
        return line.hasOption(option) ? OptionalInt.of(CommonOptions.intValue(line, option, 0, min, max)) : OptionalInt.empty();
    }

    private static double number(CommandLine line, String option, double fallback) throws UsageException {
        if (!line.hasOption(option)) {
            return fallback;
        }
        String v = line.getOptionValue(option);
        try {
            double d = Double.parseDouble(v);
            if (d >= 0 && d <= 1) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--" + option + " must be a number in [0, 1], got '" + v + "'");
    }
}
