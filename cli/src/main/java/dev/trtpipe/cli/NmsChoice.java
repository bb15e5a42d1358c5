package dev.trtpipe.cli;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;

/** {@code --nms plugin|onnx}: how UFF translation writes NMS_TRT / BatchedNMS_TRT (docs/uff-plugins.md). */
final class NmsChoice {

    private NmsChoice() {
    }

    static Option option() {
        return Option.builder().longOpt("nms").hasArg().converter(NMS).argName("plugin|onnx")
                .desc("UFF payloads: NMS as the TensorRT plugin (default) or as plain ONNX ops that also run on ONNX Runtime").get();
    }

    /** {@code plugin} or {@code onnx}: whether NMS is written as plain ONNX ops. */
    private static final ValueType<Boolean> NMS = Values.requirement("takes 'plugin' or 'onnx'", value -> switch (value) {
        case "plugin" -> false;
        case "onnx" -> true;
        default -> null;
    });

    static boolean plain(CommandLine line) throws UsageException {
        return Values.get(line, "nms", false);
    }
}
