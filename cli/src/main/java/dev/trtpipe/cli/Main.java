package dev.trtpipe.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.help.HelpFormatter;
import org.apache.commons.cli.help.TextHelpAppendable;

/** {@code trtpipe <command> [options]}: dispatches to a {@link Command} and owns exit codes. */
public final class Main {

    /** Anywhere on the command line: print the stack trace of a failure (as TRTPIPE_DEBUG=1 does). */
    static final String DEBUG_FLAG = "--debug";

    private Main() {
    }

    public static void main(String[] args) {
        // a failure on another thread is reported by the command that waits for it; no stack trace here
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            if ("1".equals(System.getenv("TRTPIPE_DEBUG"))) {
                e.printStackTrace();
            }
        });
        System.exit(run(args, Console.system()));
    }

    /** Runs one command line; returns the exit code instead of exiting (tests call this). */
    public static int run(String[] args, Console console) {
        boolean debug = Arrays.asList(args).contains(DEBUG_FLAG) || "1".equals(System.getenv("TRTPIPE_DEBUG"));
        args = Arrays.stream(args).filter(a -> !a.equals(DEBUG_FLAG)).toArray(String[]::new);
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            console.out().print(overview());
            return args.length == 0 ? ExitCode.USAGE : ExitCode.OK;
        }
        Command command = Commands.find(args[0]).orElse(null);
        if (command == null) {
            console.err().println("trtpipe: unknown command '" + args[0] + "'; run 'trtpipe --help' for the list");
            return ExitCode.USAGE;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        String errorPrefix = "trtpipe " + command.name();
        String usageName = command.name();
        if (command instanceof CommandGroup group) {
            Optional<CommandGroup.Located> sub = group.locate(rest);
            if (sub.isEmpty() && rest.length > 0 && (rest[0].equals("--help") || rest[0].equals("-h"))) {
                console.out().print(groupHelp(group));
                return ExitCode.OK;
            }
            if (sub.isPresent()) {
                usageName = command.name() + " " + sub.get().command().name();
                command = sub.get().command();
                rest = sub.get().arguments();
                Optional<String> sibling = siblingOption(group, command, rest);
                if (sibling.isPresent()) {
                    console.err().println(errorPrefix + ": " + sibling.get());
                    return ExitCode.USAGE;
                }
            }
        }
        return run(command, usageName, errorPrefix, rest, debug, console);
    }

    /** Parses {@code rest} with {@code command}'s options and runs it; {@code usageName} is what its help shows. */
    private static int run(Command command, String usageName, String errorPrefix, String[] rest, boolean debug, Console console) {
        Options options = withHelp(command.options());
        // before parsing: a command with required options must still answer --help
        if (Arrays.asList(rest).contains("--help") || Arrays.asList(rest).contains("-h")) {
            console.out().print(help(command, usageName, options));
            return ExitCode.OK;
        }
        CommandLine line;
        try {
            line = new DefaultParser().parse(options, rest);
        } catch (ParseException e) {
            console.err().println(errorPrefix + ": " + e.getMessage() + "; run 'trtpipe " + usageName + " --help'");
            return ExitCode.USAGE;
        }
        try {
            Values.checkAll(line); // every value typed before the command runs: a malformed one is exit 2
            StrictUsage.check(command, line);
            OutputGuard.check(command, line);
            return command.run(line, console);
        } catch (Throwable e) { // NOPMD: every failure, OutOfMemoryError included, ends as one line and an exit code
            Throwable t = ErrorMessages.unwrap(e);
            if (debug) {
                e.printStackTrace(console.err());
            }
            console.err().println(errorPrefix + ": " + ErrorMessages.message(t));
            return ErrorMessages.exitCode(t);
        }
    }

    /**
     * An option of another subcommand only ({@code export triton --conf-thresh}): named as such rather than as an
     * unknown option.
     */
    private static Optional<String> siblingOption(CommandGroup group, Command sub, String[] rest) {
        Options own = sub.options();
        for (String word : rest) {
            if (!word.startsWith("-") || word.length() < 2) {
                continue;
            }
            String key = word.replaceFirst("^--?", "").split("=", 2)[0];
            if (own.hasOption(key) || key.equals("help") || key.equals("h")) {
                continue;
            }
            List<Command> takers = group.takersOf(key);
            if (!takers.isEmpty()) {
                return Optional.of(word.split("=", 2)[0] + " applies to " + takers.stream()
                        .map(c -> "'" + group.name() + " " + c.name() + "'").collect(Collectors.joining(" and ")) + " only");
            }
        }
        return Optional.empty();
    }

    private static Options withHelp(Options options) {
        Options copy = new Options().addOptions(options); // keeps option groups
        copy.addOption(Option.builder("h").longOpt("help").desc("show this help").get());
        return copy;
    }

    static String help(Command command, String usageName, Options options) {
        StringBuilder sb = new StringBuilder();
        try {
            HelpFormatter.builder().setShowSince(false).setHelpAppendable(new TextHelpAppendable(sb)).get().printHelp(
                    "trtpipe " + usageName + " [options]" + (command.positionalUsage().isEmpty() ? "" : " " + command.positionalUsage()),
                    command.summary(), options, "", false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }

    /** {@code trtpipe export --help}: the subcommands, each with its own {@code --help}. */
    private static String groupHelp(CommandGroup group) {
        StringBuilder sb = new StringBuilder("usage: trtpipe " + group.name() + " <" + group.positionalUsage() + "> [options]   (trtpipe "
                + group.name() + " <" + group.positionalUsage() + "> --help for details)\n" + group.summary() + "\n\nsubcommands:\n");
        for (Command c : group.subcommands()) {
            sb.append(String.format("  %-16s %s%n", c.name(), c.summary()));
        }
        return sb.toString();
    }

    private static String overview() {
        StringBuilder sb = new StringBuilder("usage: trtpipe <command> [options]   (trtpipe <command> --help for details)\n\ncommands:\n");
        for (Command c : Commands.all()) {
            sb.append(String.format("  %-16s %s%n", c.name(), c.summary()));
        }
        sb.append("\nexit codes: 0 ok, 1 bad input, 2 bad usage, 3 TensorRT or GPU not available, 70 internal error\n"
                + "--debug (or TRTPIPE_DEBUG=1) prints the stack trace of a failure\n");
        return sb.toString();
    }
}
