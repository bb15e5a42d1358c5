package dev.trtpipe.onnx;

import dev.trtpipe.darknet.DarknetModel;
import dev.trtpipe.darknet.DarknetWeights;
import dev.trtpipe.darknet.HeadMode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The darknet to ONNX pipeline, the one place that chains its steps: parse the {@code .cfg}, check that the
 * head mode has heads to work on, load the {@code .weights} (read and hashed on background threads while the
 * network is translated), translate, apply the head pass, write. {@code darknet2onnx}, {@code darknet2trt},
 * {@code bench-convert}, the Java API's {@code DarknetConversion}, the in-memory {@code .cfg} backend and the
 * samples all call it, so a converted model is the same bytes whichever way it was asked for.
 *
 * <p>What the parser and the weights check notice goes to a {@code warnings} consumer, one line each; what
 * cannot work is an exception naming the file (and the line or byte offset).
 */
public final class DarknetOnnxPipeline {

    private DarknetOnnxPipeline() {
    }

    /**
     * How to convert.
     *
     * @param options          the translation's options (opset, batch, exposed layers, folded batch norm)
     * @param headMode         what follows the backbone: raw head convolutions, decoded boxes, or in-graph NMS
     * @param allowPartial     accept weights that end on a layer boundary; the missing layers get zeros
     * @param memoryLimitBytes the parser refuses a cfg whose tensors would need more
     */
    public record Settings(ConversionOptions options, HeadMode headMode, boolean allowPartial, long memoryLimitBytes) {

        public Settings {
            Objects.requireNonNull(options, "options");
            Objects.requireNonNull(headMode, "headMode");
        }

        /** {@code darknet2onnx}'s defaults: {@link ConversionOptions#defaults()}, raw heads, exact weights. */
        public static Settings defaults() {
            return new Settings(ConversionOptions.defaults(), HeadMode.raw(), false, DarknetModel.DEFAULT_MEMORY_LIMIT_BYTES);
        }
    }

    /** A converted model and the file it was written to. */
    public record Written(ConvertedModel converted, OnnxModelWriter.Result file) {
    }

    /**
     * A head mode other than raw asked of a cfg without a {@code [yolo]} or {@code [region]} layer. Checked
     * before the weights are read: a request that cannot work should not cost the load.
     */
    public static final class NoDetectionHeadException extends IllegalArgumentException {

        private final transient Path cfg;
        private final String fileName;
        private final HeadMode headMode;

        NoDetectionHeadException(Path cfg, String fileName, HeadMode headMode) {
            super(cfg + ": has no [yolo] or [region] layer, so there are no detections to " + headMode.cliName()
                    + " in the graph; convert it with the raw head mode");
            this.cfg = cfg;
            this.fileName = fileName;
            this.headMode = headMode;
        }

        public Path cfg() {
            return cfg;
        }

        /** The cfg's file name as the parser reports it. */
        public String fileName() {
            return fileName;
        }

        public HeadMode headMode() {
            return headMode;
        }
    }

    /** Parses the cfg; its warnings go to {@code warnings}. */
    public static DarknetModel parse(Path cfg, Settings settings, Consumer<String> warnings) throws IOException {
        Objects.requireNonNull(cfg, "cfg");
        DarknetModel model = DarknetModel.parse(cfg, settings.memoryLimitBytes());
        model.warnings().forEach(warnings);
        return model;
    }

    /** Parses, loads and converts in memory. */
    public static ConvertedModel convert(Path cfg, Path weights, Settings settings, Consumer<String> warnings) throws IOException {
        return convert(cfg, parse(cfg, settings, warnings), weights, settings, warnings);
    }

    /**
     * Loads the weights of a parsed model and converts in memory.
     *
     * @param cfg the file {@code model} was parsed from, for messages
     * @throws NoDetectionHeadException a head mode other than raw for a cfg without detection heads
     */
    public static ConvertedModel convert(Path cfg, DarknetModel model, Path weights, Settings settings,
                                         Consumer<String> warnings) throws IOException {
        Objects.requireNonNull(weights, "weights");
        if (!(settings.headMode() instanceof HeadMode.Raw) && model.detectionSpec().isEmpty()) {
            throw new NoDetectionHeadException(cfg, model.fileName(), settings.headMode());
        }
        DarknetWeights loaded = DarknetWeights.load(weights, model, settings.allowPartial());
        if (!loaded.missingLayers().isEmpty()) {
            warnings.accept(loaded.sizeCheck().message() + "; zero-filled layers: " + loaded.missingLayers().stream()
                    .map(l -> String.valueOf(l.index())).collect(Collectors.joining(",")));
        }
        return DarknetOnnxConverter.convert(model, loaded, settings.options()).apply(HeadPasses.of(settings.headMode()));
    }

    /** Parses, loads, converts and writes {@code onnx} (atomically: complete or absent). */
    public static Written write(Path cfg, Path weights, Path onnx, Settings settings, Consumer<String> warnings) throws IOException {
        return write(cfg, parse(cfg, settings, warnings), weights, onnx, settings, warnings);
    }

    /** Loads the weights of a parsed model, converts and writes {@code onnx} (atomically: complete or absent). */
    public static Written write(Path cfg, DarknetModel model, Path weights, Path onnx, Settings settings,
                                Consumer<String> warnings) throws IOException {
        Objects.requireNonNull(onnx, "onnx");
        ConvertedModel converted = convert(cfg, model, weights, settings, warnings);
        return new Written(converted, OnnxModelWriter.write(converted, onnx));
    }
}
