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
final class TaoConvertCommand implements ParsedCommand<TaoConvertCommand.TaoConvertFlags> {

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
                .addOption(flag("k", "key", Values.TEXT, EtltCliSupport.KEY_HELP + " (required)"))
                .addOption(flag("d", "dims", dialect('d'), "input dimensions C,H,W as exported (UFF; checked against ONNX models)"))
                .addOption(flag("o", "outputs", Values.TEXT, "comma-separated output names (UFF; checked against ONNX models)"))
                .addOption(flag("e", "engine", Values.PATH, "engine output path (default: saved.engine)"))
                .addOption(flag("t", "type", dialect('t'), "engine precision fp32, fp16 or int8 (default: fp32)"))
                .addOption(flag("w", "bytes", dialect('w'), "maximum workspace size in bytes (default: 1073741824)"))
                .addOption(flag("i", "order", dialect('i'), "input dimension order nchw, nhwc or nc (UFF only; default: nchw)"))
                .addOption(flag("p", "profile", dialect('p'),
                        "optimization profile <input>,<min>,<opt>,<max> with shapes NxCxHxW; repeat per dynamic input"))
                .addOption(Option.builder("s").desc("strict type constraints: obey the requested precision").get())
                .addOption(flag("u", "core", dialect('u'), "DLA core index (Jetson; default: GPU)"))
                .addOption(flag("c", "file", Values.PATH, "INT8 calibration cache (default: cal.bin)"))
                .addOption(flag("b", "batch", dialect('b'), "INT8 calibration batch size (default: 8)"))
                .addOption(flag("m", "batch", dialect('m'), "maximum batch size of implicit-batch (UFF) engines (default: 16): profile 1..m"))
                // not tao-converter's: fast builds for checks
                .addOption(CommonOptions.optLevelOption())
                .addOption(CommonOptions.timingCacheOption());
        // the detector's nvinfer config, carried into the engine sidecar so detect --model x.plan needs nothing else
        TaoSpecOptions.addTo(o);
        return o;
    }

    private static Option flag(String letter, String argName, ValueType<?> type, String description) {
        return Option.builder(letter).hasArg().argName(argName).converter(type).desc(description).get();
    }

    /**
     * A tao-converter flag's value, checked by tao-converter's own parser ({@link TaoConverterArgs#parse}), so that
     * the dialect has one parser; its messages name the flag ("-t: unknown precision 'fp64': …").
     */
    private static ValueType<String> dialect(char flag) {
        return Values.parsedBy(text -> {
            TaoConverterArgs.parse(Map.of('k', List.of("key"), flag, List.of(text)), List.of("model.etlt"));
            return text;
        });
    }

    /**
     * tao-convert's command line, read once: tao-converter's flags as {@link TaoConverterArgs}, the build-speed flags
     * it lacks, and the nvinfer spec to embed.
     */
    record TaoConvertFlags(TaoConverterArgs args, Optional<Integer> optLevel, Optional<Path> timingCache, TaoSpecOptions tao) {

        /** The plan's build options with the build-speed flags. */
        BuildOptions buildOptions(TaoBuildPlan plan) {
            BuildOptions.Builder b = plan.options().toBuilder();
            optLevel.ifPresent(b::optimizationLevel);
            timingCache.ifPresent(b::timingCache);
            return b.build();
        }
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
    public TaoConvertFlags parse(CommandLine line) throws UsageException, IOException {
        TaoConverterArgs args;
        try {
            args = TaoConverterArgs.parse(flags(line), line.getArgList());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return new TaoConvertFlags(args, Values.get(line, "opt-level"), Values.get(line, "timing-cache"), TaoSpecOptions.read(line));
    }

    @Override
    public int run(TaoConvertFlags flags, Console console) throws Exception {
        TaoConverterArgs args = flags.args();
        Optional<TaoSpecEmbedding> spec = TaoSpecEmbedding.of(flags.tao(), console.err());
        try (TaoConversion conversion = prepare(args)) {
            console.warnAll(conversion.warnings());
            if (spec.isPresent()) {
                console.err().println("embedding " + spec.get().embed(conversion.onnx(), conversion.onnx(), args.model().toString()));
            }
            TaoBuildPlan plan = conversion.plan();
            BuildOptions options = flags.buildOptions(plan);
            console.err().println("building " + plan.engine() + " from " + args.model() + " (" + conversion.model().kind()
                    + " payload" + (conversion.model().kind() == PayloadKind.UFF ? ", translated to ONNX" : "") + "): " + describe(options));
            buildEngine(conversion.onnx(), args.model(), options, plan.engine(), console);
        }
        return ExitCode.OK;
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
