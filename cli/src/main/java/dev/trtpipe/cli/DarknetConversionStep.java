package dev.trtpipe.cli;

import dev.trtpipe.darknet.DarknetModel;
import dev.trtpipe.darknet.HeadMode;
import dev.trtpipe.darknet.Layer;
import dev.trtpipe.onnx.ConversionOptions;
import dev.trtpipe.onnx.ConvertedModel;
import dev.trtpipe.onnx.DarknetOnnxPipeline;
import dev.trtpipe.onnx.HeadOutput;
import dev.trtpipe.onnx.OnnxModelWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The darknet → ONNX conversion of {@code darknet2onnx}, shared by every command that converts a darknet
 * model ({@code darknet2onnx}, {@code darknet2trt}): the conversion of {@link ConversionFlags} and its summary.
 */
final class DarknetConversionStep {

    private DarknetConversionStep() {
    }

    /** Converts, writes the ONNX file and prints its summary; returns the file. */
    static Path run(ConversionFlags flags, Console console) throws Exception {
        long start = System.nanoTime();
        ConversionOptions options = flags.conversion();
        HeadMode headMode = flags.head();
        DarknetOnnxPipeline.Settings settings = new DarknetOnnxPipeline.Settings(options, headMode,
                flags.allowPartial(), flags.memoryLimitBytes());
        Path cfg = flags.cfg();
        List<String> parserWarnings = new ArrayList<>();
        DarknetModel model = DarknetOnnxPipeline.parse(cfg, settings, parserWarnings::add);
        console.warnAll(parserWarnings);
        DarknetOnnxPipeline.Written written;
        try {
            written = DarknetOnnxPipeline.write(cfg, model, flags.weights(), flags.output(), settings, console::warn);
        } catch (DarknetOnnxPipeline.NoDetectionHeadException e) {
            // the library states the fact; the command names its flags
            throw new IllegalArgumentException("--head " + e.headMode().cliName() + " needs a detector, but " + e.fileName()
                    + " has no [yolo] or [region] layer; use --head raw");
        }
        ConvertedModel converted = written.converted();
        OnnxModelWriter.Result result = written.file();
        double seconds = (System.nanoTime() - start) / 1e9;
        console.out().printf("wrote %s (%s, opset %d%s) in %.2f s%n", result.path(), CommonOptions.size(result.bytes()),
                options.opset(), options.dynamicBatch() ? ", dynamic batch" : "", seconds);
        if (converted.heads().isEmpty()) {
            Layer last = model.layers().get(model.layers().size() - 1);
            console.out().printf("  output %s %s (no [yolo]/[region] layer)%n", last.tensorName(), last.output());
        }
        for (HeadOutput head : converted.heads()) {
            console.out().printf("  head %-20s %s  [%s] layer %d, %d classes, anchors %s%n", head.tensor(),
                    Arrays.stream(head.dims()).skip(1).mapToObj(String::valueOf).collect(Collectors.joining("x")),
                    head.head().kind().name().toLowerCase(Locale.ROOT), head.head().layerIndex(), head.head().classes(),
                    Arrays.toString(head.head().anchors()).replace(".0", "").replace(" ", ""));
        }
        if (!(headMode instanceof HeadMode.Raw)) {
            console.out().printf("  %s%n", headOutputs(converted, HeadMode.fromMetadata(converted.graph().metadata())));
        }
        if (options.exposeLayers()) {
            console.out().printf("  plus %d exposed layer outputs%n", converted.graph().outputs().size() - converted.heads().size());
        }
        return result.path();
    }

    /** One line naming the outputs the head pass wrote, with their shapes; {@code mode} as written (a cap may have shrunk). */
    private static String headOutputs(ConvertedModel converted, HeadMode mode) {
        String outputs = converted.graph().outputs().stream()
                .filter(name -> converted.heads().stream().noneMatch(h -> h.tensor().equals(name)))
                .map(name -> name + " " + Arrays.stream(converted.graph().outputDims(name))
                        .mapToObj(d -> d < 0 ? "N" : String.valueOf(d)).collect(Collectors.joining("x")))
                .collect(Collectors.joining(", "));
        if (mode instanceof HeadMode.Nms nms) {
            return String.format(Locale.ROOT, "--head nms (%s, score > %.2f, IoU > %.2f suppressed, at most %d per image): %s",
                    nms.op() == HeadMode.NmsOp.ONNX ? "ONNX NonMaxSuppression" : "TensorRT EfficientNMS_TRT plugin",
                    nms.scoreThreshold(), nms.iouThreshold(), nms.maxDetections(), outputs);
        }
        return "--head decode (boxes: centre x, y, w, h relative to the input): " + outputs;
    }
}
