package dev.trtpipe.samples.steps;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints numbered steps the way a guided sample does: {@code [2/4] title} when a step starts (long
 * steps show what is running), then indented result lines.
 */
public final class StepLog {

    private static final String INDENT = "      ";

    private final PrintStream out;
    private final int total;
    private int current;

    public StepLog(PrintStream out, int total) {
        this.out = out;
        this.total = total;
    }

    /** Announces the next step, runs it and returns its result with the time it took. */
    public <T> Timed<T> run(String title, Timed.Work<T> work) throws Exception {
        current++;
        out.printf(Locale.ROOT, "[%d/%d] %s%n", current, total, title);
        out.flush();
        return Timed.of(work);
    }

    /** One indented line under the current step. */
    public void detail(String format, Object... args) {
        out.println(INDENT + String.format(Locale.ROOT, format, args));
    }
}
