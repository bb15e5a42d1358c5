package dev.trtpipe.cli;

import java.util.List;
import java.util.Optional;

/** The registry of commands, in the order {@code trtpipe --help} lists them. */
final class Commands {

    private Commands() {
    }

    static List<Command> all() {
        return List.of(
                new Darknet2OnnxCommand(),
                new InspectDarknetCommand(),
                new BenchConvertCommand()
        );
    }

    static Optional<Command> find(String name) {
        return all().stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
