package dev.trtpipe.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * A command made of subcommands ({@code trtpipe export deepstream|triton}, {@code trtpipe sample yolov3}): each
 * subcommand has its own options and {@code --help}. The subcommand's name may also come after the options
 * ({@code trtpipe export --onnx m.onnx --out d triton}), as it could before the subcommands existed; the
 * dispatcher moves it to the front ({@link #locate}). Errors keep the group's name ({@code trtpipe export: …}).
 */
final class CommandGroup implements Command {

    private final String name;
    private final String summary;
    private final List<Command> subcommands;
    private final String missingMessage;
    private final Function<String, String> unknownMessage;

    /**
     * @param missingMessage the usage error when no subcommand is named
     * @param unknownMessage the usage error for a word that names none (given the words)
     */
    CommandGroup(String name, String summary, List<Command> subcommands, String missingMessage,
                 Function<String, String> unknownMessage) {
        this.name = name;
        this.summary = summary;
        this.subcommands = List.copyOf(subcommands);
        this.missingMessage = missingMessage;
        this.unknownMessage = unknownMessage;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String summary() {
        return summary;
    }

    List<Command> subcommands() {
        return subcommands;
    }

    /** Every subcommand's options: what a command line without a subcommand's name is parsed with. */
    @Override
    public Options options() {
        Options all = new Options();
        for (Command sub : subcommands) {
            for (Option option : sub.options().getOptions()) {
                if (!all.hasOption(OutputGuard.key(option))) {
                    all.addOption(option);
                }
            }
        }
        return all;
    }

    @Override
    public String positionalUsage() {
        return String.join("|", subcommands.stream().map(Command::name).toList());
    }

    /** A subcommand and the arguments after its name. */
    record Located(Command command, String[] arguments) {
    }

    /**
     * The subcommand {@code args} name: the first word that is no option's value, when it names one; empty
     * otherwise ({@link #run} then says what is missing).
     */
    Optional<Located> locate(String[] args) {
        Options options = options();
        for (int i = 0; i < args.length; i++) {
            String word = args[i];
            if (word.startsWith("-") && word.length() > 1) {
                Option option = options.getOption(word.replaceFirst("^--?", ""));
                if (option != null && option.hasArg() && !word.contains("=")) {
                    i++; // its value
                }
                continue;
            }
            Optional<Command> sub = find(word);
            if (sub.isEmpty()) {
                return Optional.empty();
            }
            List<String> rest = new ArrayList<>(Arrays.asList(args));
            rest.remove(i);
            return Optional.of(new Located(sub.get(), rest.toArray(String[]::new)));
        }
        return Optional.empty();
    }

    Optional<Command> find(String subcommand) {
        return subcommands.stream().filter(c -> c.name().equals(subcommand)).findFirst();
    }

    /** The other subcommands that take {@code option} (for "--x applies to 'export deepstream' only"). */
    List<Command> takersOf(String option) {
        return subcommands.stream().filter(c -> c.options().hasOption(option)).toList();
    }

    /** Reached only without a known subcommand: says which is missing. */
    @Override
    public int run(CommandLine line, Console console) throws UsageException {
        List<String> words = line.getArgList();
        throw new UsageException(words.isEmpty() ? missingMessage : unknownMessage.apply(String.join(" ", words)));
    }
}
