package dev.trtpipe.cli;

import java.io.PrintStream;
import java.util.List;

/** Where a command prints: results to {@code out}, progress and warnings to {@code err}. */
public record Console(PrintStream out, PrintStream err) {

    public static Console system() {
        return new Console(System.out, System.err);
    }

    /** How many warnings of one list {@link #warnAll} prints before it sums up the rest. */
    static final int SHOWN_WARNINGS = 3;

    public void warn(String message) {
        err.println("warning: " + message);
    }

    /**
     * The first {@value #SHOWN_WARNINGS} warnings, then "and N more": a cfg with one odd option per layer
     * must not bury the result under a hundred lines.
     */
    public void warnAll(List<String> warnings) {
        warnings.stream().limit(SHOWN_WARNINGS).forEach(this::warn);
        if (warnings.size() > SHOWN_WARNINGS) {
            warn("and " + (warnings.size() - SHOWN_WARNINGS) + " more"
                    + (warnings.size() - SHOWN_WARNINGS == 1 ? " warning" : " warnings"));
        }
    }
}
