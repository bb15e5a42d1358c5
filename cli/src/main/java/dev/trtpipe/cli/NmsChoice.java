package dev.trtpipe.cli;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;

/** {@code --nms plugin|onnx}: how UFF translation writes NMS_TRT / BatchedNMS_TRT (docs/uff-plugins.md). */
final class NmsChoice {

    private NmsChoice() {
    }

    static Option option() {
        return Option.builder().longOpt("nms").hasArg().argName("plugin|onnx")
                .desc("UFF payloads: NMS as the TensorRT plugin (default) or as plain ONNX ops that also run on ONNX Runtime").get();
    }

    static boolean plain(CommandLine line) throws UsageException {
        String value = line.getOptionValue("nms", "plugin");
        return switch (value) {
            case "plugin" -> false;
            case "onnx" -> true;
            default -> throw new UsageException("--nms takes 'plugin' or 'onnx', got '" + value + "'");
        };
    }
}
