package dev.trtpipe.cli;

import dev.trtpipe.trt.check.CheckReport;
import dev.trtpipe.trt.check.CheckSettings;
import dev.trtpipe.trt.check.CheckTable;
import dev.trtpipe.trt.check.InputShapes;
import dev.trtpipe.trt.check.ModelCheck;
import dev.trtpipe.trt.check.Tolerances;
import dev.trtpipe.trt.check.ValueRange;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code trtpipe check}: the same inputs through ONNX Runtime on the CPU and a TensorRT engine on the
 * GPU, and per output the max absolute error and relative L2 (what {@code polygraphy run --trt --onnxrt} reports).
 */
final class CheckCommand implements Command {

    private static final long DEFAULT_SEED = 1;

    @Override
    public String name() {
        return "check";
    }

    @Override
    public String summary() {
        return "compare any engine with ONNX Runtime on the same inputs: max abs error and relative L2 per output";
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Option.builder("m").longOpt("model").hasArg().argName("ONNX").desc("the ONNX model, run by ONNX Runtime on the CPU").get())
                .addOption(Option.builder("e").longOpt("engine").hasArg().argName("PLAN")
                        .desc("its TensorRT engine, run on the GPU; an .onnx file here runs on ONNX Runtime too (no GPU needed)").get())
                .addOption(Option.builder().longOpt("shapes").hasArg().argName("name:DIMS")
                        .desc("input shape, e.g. images:1x3x224x224; repeatable (default: the engine's opt shape, batch 1)").get())
                .addOption(Option.builder().longOpt("input").hasArg().argName("name=FILE.npy").desc("feed this input from a .npy file; repeatable").get())
                .addOption(Option.builder().longOpt("seed").hasArg().argName("N").desc("seed of the random inputs (default " + DEFAULT_SEED + ")").get())
                .addOption(Option.builder().longOpt("range").hasArg().argName("[name:]LOW,HIGH")
                        .desc("value range of random inputs (default floats 0,1, integers 0,1, uint8 0,255); repeatable").get())
                .addOption(Option.builder().longOpt("atol").hasArg().argName("X").desc("element-wise |engine - onnxruntime| <= atol + rtol*|onnxruntime|").get())
                .addOption(Option.builder().longOpt("rtol").hasArg().argName("X").desc("see --atol").get())
                .addOption(Option.builder().longOpt("max-rel-l2").hasArg().argName("X")
                        .desc("largest relative L2 error per output (default " + Tolerances.DEFAULT_MAX_REL_L2 + ")").get())
                .addOption(Option.builder().longOpt("save-outputs").hasArg().argName("DIR")
                        .desc("write inputs/, reference/ and candidate/ .npy files there").get());
    }

    @Override
    public Set<String> outputOptions() {
        return Set.of("save-outputs");
    }

    @Override
    public Set<String> repeatableOptions() {
        return Set.of("shapes", "input", "range");
    }

    @Override
    public int run(CommandLine line, Console console) throws Exception {
        CheckSettings settings = settings(line);
        CheckReport report = ModelCheck.run(settings);
        report.warnings().forEach(w -> console.err().println("warning: " + w));
        console.out().print(CheckTable.markdown(report));
        settings.saveOutputs().ifPresent(dir -> console.err().println("wrote inputs/, reference/ and candidate/ under " + dir));
        return report.passed() ? ExitCode.OK : ExitCode.BAD_INPUT;
    }

    private static CheckSettings settings(CommandLine line) throws UsageException {
        Path model = CommonOptions.requiredPath(line, "model");
        Path engine = CommonOptions.requiredPath(line, "engine");
        try {
            Map<String, long[]> shapes = new LinkedHashMap<>();
            for (String spec : values(line, "shapes")) {
                Map.Entry<String, long[]> e = InputShapes.parse(spec);
                if (shapes.put(e.getKey(), e.getValue()) != null) {
                    throw new UsageException("--shapes gives input '" + e.getKey() + "' twice");
                }
            }
            Map<String, Path> inputs = new LinkedHashMap<>();
            for (String spec : values(line, "input")) {
                int eq = spec.lastIndexOf('=');
                if (eq <= 0 || eq == spec.length() - 1) {
                    throw new UsageException("--input '" + spec + "' must be name=FILE.npy");
                }
                if (inputs.put(spec.substring(0, eq), Path.of(spec.substring(eq + 1))) != null) {
                    throw new UsageException("--input gives input '" + spec.substring(0, eq) + "' twice");
                }
            }
            Map<String, ValueRange> ranges = new LinkedHashMap<>();
            for (String spec : values(line, "range")) {
                int colon = spec.lastIndexOf(':');
                ranges.put(colon < 0 ? "" : spec.substring(0, colon), ValueRange.parse(spec.substring(colon + 1)));
            }
            Tolerances tolerances = new Tolerances(number(line, "atol"), number(line, "rtol"),
                    Optional.of(number(line, "max-rel-l2").orElse(Tolerances.DEFAULT_MAX_REL_L2)));
            return new CheckSettings(model, engine, shapes, seed(line), inputs, ranges, tolerances,
                    Optional.ofNullable(line.getOptionValue("save-outputs")).map(Path::of));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static String[] values(CommandLine line, String option) {
        return Optional.ofNullable(line.getOptionValues(option)).orElse(new String[0]);
    }

    private static long seed(CommandLine line) throws UsageException {
        String text = line.getOptionValue("seed");
        try {
            return text == null ? DEFAULT_SEED : Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--seed must be an integer, got '" + text + "'");
        }
    }

    private static Optional<Double> number(CommandLine line, String option) throws UsageException {
        String text = line.getOptionValue(option);
        if (text == null) {
            return Optional.empty();
        }
        try {
            double v = Double.parseDouble(text.trim());
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new NumberFormatException();
            }
            return Optional.of(v);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + option + " must be a non-negative number, got '" + text + "'");
        }
    }
}
