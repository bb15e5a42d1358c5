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
final class CheckCommand implements ParsedCommand<CheckSettings> {

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
                .addOption(Option.builder("m").longOpt("model").hasArg().converter(Values.PATH).argName("ONNX").desc("the ONNX model, run by ONNX Runtime on the CPU").get())
                .addOption(Option.builder("e").longOpt("engine").hasArg().converter(Values.PATH).argName("PLAN")
                        .desc("its TensorRT engine, run on the GPU; an .onnx file here runs on ONNX Runtime too (no GPU needed)").get())
                .addOption(Option.builder().longOpt("shapes").hasArg().converter(SHAPE).argName("name:DIMS")
                        .desc("input shape, e.g. images:1x3x224x224; repeatable (default: the engine's opt shape, batch 1)").get())
                .addOption(Option.builder().longOpt("input").hasArg().converter(INPUT_FILE).argName("name=FILE.npy").desc("feed this input from a .npy file; repeatable").get())
                .addOption(Option.builder().longOpt("seed").hasArg().converter(Values.longIn(Long.MIN_VALUE, Long.MAX_VALUE)).argName("N").desc("seed of the random inputs (default " + DEFAULT_SEED + ")").get())
                .addOption(Option.builder().longOpt("range").hasArg().converter(RANGE).argName("[name:]LOW,HIGH")
                        .desc("value range of random inputs (default floats 0,1, integers 0,1, uint8 0,255); repeatable").get())
                .addOption(Option.builder().longOpt("atol").hasArg().converter(NON_NEGATIVE).argName("X").desc("element-wise |engine - onnxruntime| <= atol + rtol*|onnxruntime|").get())
                .addOption(Option.builder().longOpt("rtol").hasArg().converter(NON_NEGATIVE).argName("X").desc("see --atol").get())
                .addOption(Option.builder().longOpt("max-rel-l2").hasArg().converter(NON_NEGATIVE).argName("X")
                        .desc("largest relative L2 error per output (default " + Tolerances.DEFAULT_MAX_REL_L2 + ")").get())
                .addOption(Option.builder().longOpt("save-outputs").hasArg().converter(Values.PATH).argName("DIR")
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
    public int run(CheckSettings settings, Console console) throws Exception {
        CheckReport report = ModelCheck.run(settings);
        report.warnings().forEach(w -> console.err().println("warning: " + w));
        console.out().print(CheckTable.markdown(report));
        settings.saveOutputs().ifPresent(dir -> console.err().println("wrote inputs/, reference/ and candidate/ under " + dir));
        return report.passed() ? ExitCode.OK : ExitCode.BAD_INPUT;
    }

    @Override
    public CheckSettings parse(CommandLine line) throws UsageException {
        Path model = CommonOptions.requiredPath(line, "model");
        Path engine = CommonOptions.requiredPath(line, "engine");
        try {
            Map<String, long[]> shapes = new LinkedHashMap<>();
            for (Map.Entry<String, long[]> e : Values.<Map.Entry<String, long[]>>all(line, "shapes")) {
                if (shapes.put(e.getKey(), e.getValue()) != null) {
                    throw new UsageException("--shapes gives input '" + e.getKey() + "' twice");
                }
            }
            Map<String, Path> inputs = new LinkedHashMap<>();
            for (Map.Entry<String, Path> input : Values.<Map.Entry<String, Path>>all(line, "input")) {
                if (inputs.put(input.getKey(), input.getValue()) != null) {
                    throw new UsageException("--input gives input '" + input.getKey() + "' twice");
                }
            }
            Map<String, ValueRange> ranges = new LinkedHashMap<>();
            for (Map.Entry<String, ValueRange> range : Values.<Map.Entry<String, ValueRange>>all(line, "range")) {
                ranges.put(range.getKey(), range.getValue());
            }
            Tolerances tolerances = new Tolerances(Values.get(line, "atol"), Values.get(line, "rtol"),
                    Optional.of(Values.get(line, "max-rel-l2", Tolerances.DEFAULT_MAX_REL_L2)));
            return new CheckSettings(model, engine, shapes, Values.get(line, "seed", DEFAULT_SEED), inputs, ranges, tolerances,
                    Values.get(line, "save-outputs"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** {@code --shapes name:DIMS}; trt-builder's parser words the message. */
    private static final ValueType<Map.Entry<String, long[]>> SHAPE = Values.parsedBy(InputShapes::parse);

    /** {@code --input name=FILE.npy}. */
    private static final ValueType<Map.Entry<String, Path>> INPUT_FILE = Values.requirement("must be name=FILE.npy", spec -> {
        int eq = spec.lastIndexOf('=');
        return eq <= 0 || eq == spec.length() - 1 ? null : Map.entry(spec.substring(0, eq), Path.of(spec.substring(eq + 1)));
    });

    /** {@code --range [name:]LOW,HIGH}; an empty name is every input's range. */
    private static final ValueType<Map.Entry<String, ValueRange>> RANGE = Values.parsedBy(spec -> {
        int colon = spec.lastIndexOf(':');
        return Map.entry(colon < 0 ? "" : spec.substring(0, colon), ValueRange.parse(spec.substring(colon + 1)));
    });

    /** A tolerance: finite and at least 0. */
    private static final ValueType<Double> NON_NEGATIVE = Values.requirement("must be a non-negative number", text -> {
        double v = Double.parseDouble(text.trim());
        return v >= 0 && !Double.isInfinite(v) ? v : null;
    });
}
