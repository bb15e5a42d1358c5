package dev.trtpipe.cli;

import dev.trtpipe.etlt.PayloadKind;
import dev.trtpipe.etlt.TaoBuildPlan;
import dev.trtpipe.etlt.TaoConversion;
import dev.trtpipe.etlt.TaoConverterArgs;
import dev.trtpipe.trt.BuildOptions;
import dev.trtpipe.trt.ShapeProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.Set;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code trtpipe tao-convert}: tao-converter's command line, unchanged, so existing scripts keep working
 * (docs/peers.md §4.1). {@code -h} is the dispatcher's help, as it is tao-converter's.
 */
final class TaoConvertCommand implements Command {

    @Override
    public String name() {
        return "tao-convert";
    }

    @Override
    public String summary() {
        return "tao-converter compatible: build a TensorRT engine from a TAO .etlt (ONNX payloads, and UFF translated to ONNX)";
    }

    @Override
    public Options options() {
        Options o = new Options()
                // -k is checked by TaoConverterArgs: a Commons CLI required option would reject -h alone
                .addOption(flag("k", "key", EtltCliSupport.KEY_HELP + " (required)"))
                .addOption(flag("d", "dims", "input dimensions C,H,W as exported (UFF; checked against ONNX models)"))
                .addOption(flag("o", "outputs", "comma-separated output names (UFF; checked against ONNX models)"))
                .addOption(flag("e", "engine", "engine output path (default: saved.engine)"))
                .addOption(flag("t", "type", "engine precision fp32, fp16 or int8 (default: fp32)"))
                .addOption(flag("w", "bytes", "maximum workspace size in bytes (default: 1073741824)"))
                .addOption(flag("i", "order", "input dimension order nchw, nhwc or nc (UFF only; default: nchw)"))
                .addOption(Option.builder("p").hasArg().argName("profile")
                        .desc("optimization profile <input>,<min>,<opt>,<max> with shapes NxCxHxW; repeat per dynamic input").get())
                .addOption(Option.builder("s").desc("strict type constraints: obey the requested precision").get())
                .addOption(flag("u", "core", "DLA core index (Jetson; default: GPU)"))
                .addOption(flag("c", "file", "INT8 calibration cache (default: cal.bin)"))
                .addOption(flag("b", "batch", "INT8 calibration batch size (default: 8)"))
                .addOption(flag("m", "batch", "maximum batch size of implicit-batch (UFF) engines (default: 16): profile 1..m"))
                // not tao-converter's: fast builds for checks
                .addOption(Option.builder().longOpt("opt-level").hasArg().argName("0-5").desc("builder optimization level (default 3)").get())
                .addOption(Option.builder().longOpt("timing-cache").hasArg().argName("FILE")
                        .desc("timing cache: loaded if it exists, saved after the build").get());
        // the detector's nvinfer config, carried into the engine sidecar so detect --model x.plan needs nothing else
        TaoSpecOptions.addTo(o);
        return o;
    }

    private static Option flag(String letter, String argName, String description) {
        return Option.builder(letter).hasArg().argName(argName).desc(description).get();
    }

    @Override
    public String positionalUsage() {
        return "input_file";
    }

    @Override
    public Set<String> outputOptions() {
        return Set.of("e");
    }

    @Override
    public Set<String> repeatableOptions() {
        return Set.of("p");
    }

    @Override
    public int run(CommandLine line, Console console) throws Exception {
        TaoConverterArgs args;
        try {
            args = TaoConverterArgs.parse(flags(line), line.getArgList());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Optional<TaoSpecEmbedding> spec = TaoSpecEmbedding.fromOptions(line, console.err());
        try (TaoConversion conversion = prepare(args)) {
            console.warnAll(conversion.warnings());
            if (spec.isPresent()) {
                console.err().println("embedding " + spec.get().embed(conversion.onnx(), conversion.onnx(), args.model().toString()));
            }
            TaoBuildPlan plan = conversion.plan();
            BuildOptions options = withBuildSpeed(plan.options(), line);
            console.err().println("building " + plan.engine() + " from " + args.model() + " (" + conversion.model().kind()
                    + " payload" + (conversion.model().kind() == PayloadKind.UFF ? ", translated to ONNX" : "") + "): " + describe(options));
            buildEngine(conversion.onnx(), args.model(), options, plan.engine(), console);
        }
        return ExitCode.OK;
    }

    /** {@code --opt-level} and {@code --timing-cache}, which tao-converter does not have. */
    private static BuildOptions withBuildSpeed(BuildOptions options, CommandLine line) throws UsageException {
        BuildOptions.Builder b = options.toBuilder();
        CommonOptions.optimizationLevel(line).ifPresent(b::optimizationLevel);
        if (line.hasOption("timing-cache")) {
            b.timingCache(Path.of(line.getOptionValue("timing-cache")));
        }
        return b.build();
    }

    /** Flags that do not fit the model are usage errors (exit 2); the message already shows the fix. */
    private static TaoConversion prepare(TaoConverterArgs args) throws Exception {
        try {
            return TaoConversion.prepare(args);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /**
     * Builds {@code engine} from the decrypted model with trt-builder, as {@code onnx2trt} does. The model
     * is passed as bytes labelled with the {@code .etlt} it came from, so messages and the engine's sidecar
     * name the user's file, not the temporary ONNX that is deleted after the build.
     */
    private static void buildEngine(Path onnx, Path etlt, BuildOptions options, Path engine, Console console) throws IOException {
        byte[] model = Files.readAllBytes(onnx);
        EngineBuildRun.run(console, builder -> builder.build(model, etlt.toString(), engine, options));
    }

    /** Letter → values in command-line order, as {@link TaoConverterArgs#parse} takes them. */
    private static Map<Character, List<String>> flags(CommandLine line) {
        Map<Character, List<String>> flags = new LinkedHashMap<>();
        for (Option option : line.getOptions()) {
            if (option.getOpt() == null) {
                continue; // a long-only trtpipe option, not a tao-converter flag
            }
            flags.computeIfAbsent(option.getOpt().charAt(0), f -> new ArrayList<>()).add(option.hasArg() ? option.getValue() : "");
        }
        return flags;
    }

    private static String describe(BuildOptions options) {
        String profiles = options.profiles().stream().map(ShapeProfile::toString).collect(Collectors.joining(" "));
        return options.precision().cliName() + ", workspace " + options.workspaceBytes() + " bytes"
                + (profiles.isEmpty() ? "" : ", profile " + profiles)
                + options.calibrationCache().map(c -> ", calibration cache " + c).orElse("")
                + options.dlaCore().map(c -> ", DLA core " + c).orElse("")
                + (options.strictTypes() ? ", strict types" : "");
    }
}
