package dev.trtpipe.cli;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** {@code trtpipe darknet2onnx}: a darknet cfg + weights to an ONNX model with the raw head outputs. */
final class Darknet2OnnxCommand implements ParsedCommand<ConversionFlags> {

    @Override
    public String name() {
        return "darknet2onnx";
    }

    @Override
    public String summary() {
        return "convert a darknet .cfg + .weights to ONNX (raw head outputs, darknet-exact)";
    }

    @Override
    public Options options() {
        return ConversionFlags.addTo(new Options());
    }

    @Override
    public ConversionFlags parse(CommandLine line) throws UsageException {
        return ConversionFlags.parse(line);
    }

    @Override
    public int run(ConversionFlags flags, Console console) throws Exception {
        DarknetConversionStep.run(flags, console);
        return ExitCode.OK;
    }
}
