package dev.trtpipe.cli;

import java.nio.file.Path;
import java.util.Set;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code trtpipe onnx2trt}: an ONNX model to a TensorRT engine plus its JSON sidecar. */
final class Onnx2TrtCommand implements Command {

    @Override
    public String name() {
        return "onnx2trt";
    }

    @Override
    public String summary() {
        return "build a TensorRT engine (.plan + .plan.json) from an ONNX model";
    }

    @Override
    public Options options() {
        return EngineBuildStep.addOptions(new Options()
                .addOption(Option.builder("m").longOpt("model").hasArg().argName("ONNX").required().desc("the ONNX model").get())
                .addOption(EngineBuildStep.engineOption(true)));
    }

    @Override
    public Set<String> outputOptions() {
        return Set.of("engine");
    }

    @Override
    public Set<String> repeatableOptions() {
        return Set.of("profile", "plugin");
    }

    @Override
    public int run(CommandLine line, Console console) throws Exception {
        EngineBuildStep.run(Path.of(line.getOptionValue("model")), Path.of(line.getOptionValue("engine")),
                EngineBuildStep.options(line), console);
        return ExitCode.OK;
    }
}
