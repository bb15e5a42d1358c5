package dev.trtpipe.cli;

import java.util.Set;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * One staged {@code trtpipe} command ({@code darknet2onnx}, {@code detect}, …). The dispatcher parses
 * the options, handles {@code --help} and maps exceptions to exit codes, so a command only does its job.
 */
public interface Command {

    /** The word after {@code trtpipe}. */
    String name();

    /** One line for the command list. */
    String summary();

    /** This command's options; {@code --help} is added by the dispatcher. */
    Options options();

    /** Extra usage text after the synopsis (positional arguments), or empty. */
    default String positionalUsage() {
        return "";
    }

    /**
     * Options (long name, else letter) naming files or directories this command writes: {@link OutputGuard}
     * refuses them when they are one of the inputs.
     */
    default Set<String> outputOptions() {
        return Set.of("output", "out-dir", "out");
    }

    /** Options that may be given more than once (every other one is refused when repeated). */
    default Set<String> repeatableOptions() {
        return Set.of();
    }

    /**
     * Runs the command.
     *
     * @return the exit code ({@link ExitCode#OK} on success)
     * @throws UsageException for option combinations Commons CLI cannot express (exit 2)
     * @throws Exception anything else; the dispatcher turns it into a one-line message
     */
    int run(CommandLine line, Console console) throws Exception;
}
