package dev.trtpipe.cli;

import dev.trtpipe.samples.compare.CompareSettings;
import dev.trtpipe.samples.compare.CompareSubject;
import dev.trtpipe.samples.compare.Comparison;
import dev.trtpipe.samples.compare.ComparisonFiles;
import dev.trtpipe.samples.compare.ComparisonReport;
import dev.trtpipe.samples.compare.DarknetSubject;
import dev.trtpipe.samples.compare.EtltSubject;
import dev.trtpipe.samples.compare.MarkdownReport;
import dev.trtpipe.samples.compare.NvinferInput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code trtpipe compare}: one network down the raw path (ONNX → onnx2trt) and the TAO path (.etlt →
 * tao-convert), a report of every stage and of the difference between the two results.
 */
final class CompareCommand implements ParsedCommand<CompareCommand.Flags> {

    /** compare's typed options: what to compare, and the nvinfer flags whose warnings are printed when it runs. */
    record Flags(CompareSettings settings, TaoSpecOptions tao) {
    }

    /** The key a darknet model's ONNX is packaged with when none is given: one NGC's public models use. */
    private static final String DEFAULT_PACKAGING_KEY = "nvidia_tlt";
    private static final Path DEFAULT_OUT_DIR = Path.of("compare-out");

    @Override
    public String name() {
        return "compare";
    }

    @Override
    public String summary() {
        return "run one network down the raw (onnx2trt) and TAO (tao-convert) paths and compare every stage";
    }

    @Override
    public Options options() {
        Options o = new Options()
                .addOption(Option.builder().longOpt("cfg").hasArg().converter(Values.PATH).argName("file").desc("darknet .cfg (with --weights)").get())
                .addOption(Option.builder().longOpt("weights").hasArg().converter(Values.PATH).argName("file").desc("darknet .weights").get())
                .addOption(Option.builder().longOpt("etlt").hasArg().converter(Values.PATH).argName("file").desc("a TAO .etlt with an ONNX payload (instead of --cfg)").get())
                .addOption(Option.builder("k").longOpt("key").hasArg().converter(Values.TEXT).argName("KEY")
                        .desc("the .etlt's key (required with --etlt; env:NAME and file:PATH work); with --cfg the key the ONNX is"
                                + " packaged with (default " + DEFAULT_PACKAGING_KEY + ")").get())
                .addOption(Option.builder().longOpt("image").hasArg().converter(Values.PATH).argName("file")
                        .desc("input image for darknet detection models (darknet preprocessing); default: a fixed synthetic tensor").get())
                .addOption(CommonOptions.precisionOption("fp32|fp16"))
                .addOption(CommonOptions.optLevelOption())
                .addOption(Option.builder().longOpt("out-dir").hasArg().converter(Values.PATH).argName("dir")
                        .desc("where both paths' files and compare.md/compare.json go (default " + DEFAULT_OUT_DIR + ")").get());
        // a TAO detector's --image goes through nvinfer's preprocessing, as detect --nvinfer-config does it
        TaoSpecOptions.addTo(o);
        return o;
    }

    @Override
    public Flags parse(CommandLine line) throws UsageException, IOException {
        boolean darknet = line.hasOption("cfg") || line.hasOption("weights");
        if (darknet == line.hasOption("etlt")) {
            throw new UsageException("pass either --cfg and --weights (a darknet model) or --etlt and -k (a TAO model)");
        }
        CompareSubject subject = subject(line, darknet);
        TaoSpecOptions tao = TaoSpecOptions.read(line);
        return new Flags(settings(line, darknet, subject, tao), tao);
    }

    @Override
    public int run(Flags flags, Console console) throws Exception {
        flags.tao().printWarnings(console.err());
        CompareSettings settings = flags.settings();
        ComparisonReport report = Comparison.run(settings, step -> console.err().printf(Locale.ROOT, "[%s] %s: %s (%.2f s)%n",
                step.path(), step.stage(), step.command(), step.seconds()));
        console.out().print(MarkdownReport.render(report));
        for (Path file : ComparisonFiles.write(report, settings.outDir())) {
            console.err().println("wrote " + file);
        }
        return ExitCode.OK;
    }

    private static CompareSubject subject(CommandLine line, boolean darknet) throws UsageException {
        if (darknet) {
            return new DarknetSubject(CommonOptions.requiredPath(line, "cfg"), CommonOptions.requiredPath(line, "weights"),
                    line.getOptionValue("key", DEFAULT_PACKAGING_KEY));
        }
        if (!line.hasOption("key")) {
            throw new UsageException("--etlt needs -k KEY, the key the model was exported with (NGC models: nvidia_tlt,"
                    + " tlt_encode or nvidia_tao)");
        }
        return new EtltSubject(CommonOptions.requiredPath(line, "etlt"), line.getOptionValue("key"));
    }

    private static CompareSettings settings(CommandLine line, boolean darknet, CompareSubject subject, TaoSpecOptions tao)
            throws UsageException {
        Path configFile = Values.<Path>get(line, "nvinfer-config").orElse(null);
        if (tao.present() && (darknet || !line.hasOption("image"))) {
            throw new UsageException("--nvinfer-config and its flags prepare --image for a TAO detector (--etlt)");
        }
        Optional<NvinferInput> nvinfer = tao.config().map(c -> new NvinferInput(configFile,
                tao.apply(c.spec())));
        try {
            return new CompareSettings(subject, Values.get(line, "image"), nvinfer,
                    Values.get(line, "out-dir", DEFAULT_OUT_DIR), CommonOptions.precision(line),
                    CommonOptions.optimizationLevel(line));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
