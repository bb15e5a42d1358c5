package dev.trtpipe.cli;

import dev.trtpipe.darknet.HeadMode;
import dev.trtpipe.onnx.ConversionOptions;
import java.nio.file.Path;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * The flags of a darknet → ONNX conversion ({@code darknet2onnx}, and {@code darknet2trt}'s first half),
 * parsed once, before any file is read.
 *
 * @param cfg              {@code --cfg}
 * @param weights          {@code --weights}
 * @param output           {@code -o/--output}, the ONNX file
 * @param conversion       {@code --opset --dynamic-batch --expose-layers --fold-bn} (a {@code --batch} profile implies
 *                         a dynamic batch)
 * @param memoryLimitBytes {@code --memory-limit}
 * @param allowPartial     {@code --allow-partial}
 * @param head             {@code --head} and its NMS settings
 */
record ConversionFlags(Path cfg, Path weights, Path output, ConversionOptions conversion, long memoryLimitBytes,
                       boolean allowPartial, HeadMode head) {

    static Options addTo(Options options) {
        return HeadModeOptions.addTo(options)
                .addOption(CommonOptions.path("cfg", "file", "darknet .cfg (required)"))
                .addOption(CommonOptions.path("weights", "file", "darknet .weights (required)"))
                .addOption(Option.builder("o").longOpt("output").hasArg().argName("file").converter(Values.PATH)
                        .desc("ONNX file to write (required)").get())
                .addOption(CommonOptions.value("opset", "N", Values.intIn(ConversionOptions.MIN_OPSET, ConversionOptions.MAX_OPSET),
                        "ONNX opset " + ConversionOptions.MIN_OPSET + ".." + ConversionOptions.MAX_OPSET
                                + " (default " + ConversionOptions.DEFAULT_OPSET + ")"))
                .addOption(Option.builder().longOpt("dynamic-batch").desc("symbolic batch dimension N instead of 1").get())
                .addOption(Option.builder().longOpt("expose-layers").desc("also output every layer as NNN_<type> (debugging)").get())
                .addOption(Option.builder().longOpt("allow-partial")
                        .desc("accept weights that end between layers (darknet partial backbones); missing layers get zeros").get())
                .addOption(Option.builder().longOpt("fold-bn").desc("fold batch norm into the convolutions").get())
                .addOption(CommonOptions.memoryLimit());
    }

    static ConversionFlags parse(CommandLine line) throws UsageException {
        Path cfg = CommonOptions.requiredPath(line, "cfg");
        Path weights = CommonOptions.requiredPath(line, "weights");
        Path output = CommonOptions.requiredPath(line, "output");
        long memoryLimit = CommonOptions.memoryLimitBytes(line);
        HeadMode head = HeadModeOptions.parse(line);
        ConversionOptions conversion = new ConversionOptions(Values.get(line, "opset", ConversionOptions.DEFAULT_OPSET),
                dynamicBatch(line), line.hasOption("expose-layers"), line.hasOption("fold-bn"));
        return new ConversionFlags(cfg, weights, output, conversion, memoryLimit, line.hasOption("allow-partial"), head);
    }

    /**
     * {@code --dynamic-batch}, or darknet2trt's {@code --batch min:opt:max}: a batch profile needs a symbolic
     * batch dimension, so asking for one is enough (darknet2onnx has no {@code --batch}; its default stays batch 1).
     */
    private static boolean dynamicBatch(CommandLine line) {
        return line.hasOption("dynamic-batch") || line.hasOption("batch");
    }
}
