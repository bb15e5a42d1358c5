package dev.trtpipe.cli;

import dev.trtpipe.trt.BuildOptions;
import dev.trtpipe.trt.TrtUnavailableException;
import java.nio.file.Path;
import java.util.Set;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * {@code trtpipe darknet2trt}: {@code darknet2onnx} then {@code onnx2trt} in one command, with both
 * commands' flags; the ONNX model is kept. Every flag is checked before the conversion starts.
 */
final class Darknet2TrtCommand implements ParsedCommand<Darknet2TrtCommand.Flags> {

    /** The conversion's flags, the engine file and the build's flags. */
    record Flags(ConversionFlags conversion, Path engine, BuildOptions build) {
    }


    @Override
    public String name() {
        return "darknet2trt";
    }

    @Override
    public String summary() {
        return "darknet .cfg + .weights to ONNX (kept) and a TensorRT engine, in one command";
    }

    @Override
    public Options options() {
        return BuildFlags.addTo(ConversionFlags.addTo(new Options()).addOption(EngineBuildStep.engineOption()));
    }

    @Override
    public Set<String> outputOptions() {
        return Set.of("output", "engine");
    }

    @Override
    public Set<String> repeatableOptions() {
        return Set.of("profile", "plugin");
    }

    @Override
    public Flags parse(CommandLine line) throws UsageException {
        ConversionFlags conversion = ConversionFlags.parse(line);
        return new Flags(conversion, CommonOptions.requiredPath(line, "engine"), BuildFlags.parse(line));
    }

    @Override
    public int run(Flags flags, Console console) throws Exception {
        Path plan = flags.engine();
        Path onnx = DarknetConversionStep.run(flags.conversion(), console);
        try {
            EngineBuildStep.run(onnx, plan, flags.build(), console);
        } catch (TrtUnavailableException e) {
            throw new TrtUnavailableException(e.getMessage() + "; " + onnx + " is written: build the engine where TensorRT runs with"
                    + " trtpipe onnx2trt -m " + onnx + " -e " + plan);
        }
        return ExitCode.OK;
    }
}
