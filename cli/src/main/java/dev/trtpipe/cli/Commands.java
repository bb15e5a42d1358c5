package dev.trtpipe.cli;

import java.util.List;
import java.util.Optional;

/** The registry of commands, in the order {@code trtpipe --help} lists them. */
final class Commands {

    private Commands() {
    }

    static List<Command> all() {
        // an array initializer so that each command is one line ending in a comma
        Command[] commands = {
                new Darknet2OnnxCommand(),
                new InspectDarknetCommand(),
                new DetectCommand(),
                new Onnx2TrtCommand(),
                new Darknet2TrtCommand(),
                new InspectEngineCommand(),
                new Etlt2OnnxCommand(),
                new InspectEtltCommand(),
                new Onnx2EtltCommand(),
                new TaoConvertCommand(),
                new TaoSpecCommand(),
                ExportCommand.group(),
                SampleCommand.group(),
                new CompareCommand(),
                new CheckCommand(),
                new SelfTestGpuCommand(),
                new BenchConvertCommand(),
                new BenchEtltCommand(),
                new BenchDetectCommand(),
                new BenchVideoCommand(),
                new EvalCommand(),
                new BenchEvalCommand(),
        };
        return List.of(commands);
    }

    static Optional<Command> find(String name) {
        return all().stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
