package dev.trtpipe.cli;

import dev.trtpipe.detect.Detector;
import dev.trtpipe.detect.DetectorSettings;
import dev.trtpipe.detect.InferenceBackend;
import dev.trtpipe.detect.tao.ColorFormat;
import dev.trtpipe.detect.tao.NvinferConfig;
import dev.trtpipe.detect.tao.TaoDetectionSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * The TAO options shared by {@code detect} and {@code tao-spec}: a DeepStream nvinfer config and the
 * preprocessing flags that override it ({@code --net-scale-factor}, {@code --offsets}, {@code --color-format}).
 */
final class TaoSpecOptions {

    private final Optional<NvinferConfig> config;
    private final Float scale;
    private final float[] offsets;
    private final ColorFormat colorFormat;
    /** detect's {@code --thresh}, which for a TAO model replaces every class's pre-cluster-threshold. */
    private final Float threshold;

    private TaoSpecOptions(Optional<NvinferConfig> config, Float scale, float[] offsets, ColorFormat colorFormat, Float threshold) {
        this.config = config;
        this.threshold = threshold;
        this.scale = scale;
        this.offsets = offsets;
        this.colorFormat = colorFormat;
    }

    /** {@code --net-scale-factor}: a finite number above 0. */
    private static final ValueType<Float> SCALE = Values.requirement("must be a positive number", text -> {
        float f = Float.parseFloat(text.trim());
        return f > 0 && !Float.isInfinite(f) ? f : null;
    });
    /** {@code --offsets A;B;C} (commas work too). */
    private static final ValueType<float[]> OFFSETS = Values.requirement(
            "must be numbers separated by ';' (e.g. 103.939;116.779;123.68)", text -> {
                String[] parts = text.split("[;,]");
                float[] offsets = new float[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    offsets[i] = Float.parseFloat(parts[i].trim());
                }
                return offsets;
            });
    private static final ValueType<ColorFormat> COLOR_FORMAT = Values.requirement("must be RGB, BGR or GRAY (or 0, 1, 2)",
            ColorFormat::parse);

    static void addTo(Options o) {
        o.addOption(Option.builder().longOpt("nvinfer-config").hasArg().argName("FILE").converter(Values.PATH)
                .desc("DeepStream nvinfer config of a TAO detector (config_infer_*.txt): preprocessing, output names,"
                        + " classes, labels, clustering").get());
        o.addOption(Option.builder().longOpt("net-scale-factor").hasArg().argName("F").converter(SCALE)
                .desc("TAO: multiply (pixel - offset) by F (overrides the config; nvinfer's default 1)").get());
        o.addOption(Option.builder().longOpt("offsets").hasArg().argName("A;B;C").converter(OFFSETS)
                .desc("TAO: per-channel means subtracted before scaling, in the model's channel order (overrides the config)").get());
        o.addOption(Option.builder().longOpt("color-format").hasArg().argName("RGB|BGR|GRAY").converter(COLOR_FORMAT)
                .desc("TAO: the model's channel order (overrides model-color-format)").get());
    }

    /**
     * The TAO flags of {@code line}, read once; a detection threshold (detect's and eval's {@code --thresh}) is added
     * with {@link #withThreshold}.
     *
     * @throws UsageException a malformed flag
     * @throws IOException    the config cannot be read
     * @throws IllegalArgumentException a malformed config line (file:line)
     */
    static TaoSpecOptions read(CommandLine line) throws UsageException, IOException {
        Optional<Path> configFile = Values.get(line, "nvinfer-config");
        Optional<NvinferConfig> config = configFile.isPresent() ? Optional.of(NvinferConfig.parse(configFile.get())) : Optional.empty();
        return new TaoSpecOptions(config, Values.<Float>get(line, "net-scale-factor").orElse(null),
                Values.<float[]>get(line, "offsets").orElse(null), Values.<ColorFormat>get(line, "color-format").orElse(null), null);
    }

    /** The same options with {@code threshold} as every class's pre-cluster threshold ({@code eval}'s low one for mAP). */
    TaoSpecOptions withThreshold(float threshold) {
        return new TaoSpecOptions(config, scale, offsets, colorFormat, threshold);
    }

    /** Whether any TAO option was given. */
    boolean present() {
        return config.isPresent() || overrides();
    }

    boolean overrides() {
        return scale != null || offsets != null || colorFormat != null;
    }

    Optional<NvinferConfig> config() {
        return config;
    }

    /**
     * The config's spec (or {@code base}, e.g. from a model's metadata) with the flags applied.
     *
     * @throws IllegalArgumentException the flags do not fit together (three offsets for a GRAY model)
     */
    TaoDetectionSpec apply(TaoDetectionSpec base) {
        try {
            TaoDetectionSpec spec = base.withPreprocessing(scale, offsets, colorFormat);
            return threshold == null ? spec : spec.withPreClusterThreshold(threshold);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--offsets/--color-format: " + e.getMessage(), e);
        }
    }

    /**
     * A detector for the model in {@code backend}: a TAO detector with the config (and flags) if given, or
     * with the spec in the model's metadata and the flags; otherwise whatever the metadata says.
     */
    Detector detector(String modelName, InferenceBackend backend, DetectorSettings settings) {
        if (config.isPresent()) {
            return Detector.forTao(modelName, backend, apply(config.get().spec()));
        }
        if (overrides() && !TaoDetectionSpec.isPresentIn(backend.metadata())) {
            throw new IllegalArgumentException(modelName + ": --net-scale-factor, --offsets and --color-format apply to"
                    + " TAO detectors; give its --nvinfer-config too");
        }
        if (TaoDetectionSpec.isPresentIn(backend.metadata()) && (overrides() || threshold != null)) {
            TaoDetectionSpec carried;
            try {
                carried = TaoDetectionSpec.fromMetadata(backend.metadata());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(modelName + ": " + e.getMessage() + "; embed the nvinfer config again with"
                        + " trtpipe tao-spec", e);
            }
            return Detector.forTao(modelName, backend, apply(carried));
        }
        return Detector.fromMetadata(modelName, backend, settings);
    }

    void printWarnings(PrintStream err) {
        config.map(NvinferConfig::notes).orElse(List.of()).forEach(w -> err.println("warning: " + w.render(LibraryFacts::flag)));
    }
}
