package dev.trtpipe.cli;

import java.util.HashSet;
import java.util.Set;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;

/**
 * What Commons CLI lets through but a command line must not contain: positional arguments for a command
 * that takes none (a typo or a forgotten option name would otherwise be ignored) and a single-valued
 * option given twice (Commons CLI would silently keep the first).
 */
final class StrictUsage {

    private StrictUsage() {
    }

    static void check(Command command, CommandLine line) throws UsageException {
        if (command.positionalUsage().isEmpty() && !line.getArgList().isEmpty()) {
            throw new UsageException("unexpected argument '" + String.join(" ", line.getArgList())
                    + "': " + command.name() + " takes options only");
        }
        Set<String> seen = new HashSet<>();
        for (Option option : line.getOptions()) {
            String key = OutputGuard.key(option);
            if (!seen.add(key) && !command.repeatableOptions().contains(key)) {
                throw new UsageException("--" + key + " is given more than once; give it once");
            }
        }
    }
}
