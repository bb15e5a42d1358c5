package dev.trtpipe.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar for {@code eval} on a terminal: images done, rate and time left, redrawn at
 * most five times a second with {@code \r}. Off the terminal (a pipe, a CI log) it prints nothing.
 */
final class EvalProgress implements AutoCloseable {

    private static final int BAR = 24;

    private final PrintStream err;
    private final boolean enabled;
    private final String label;
    private final int total;
    private final long start = System.nanoTime();
    private long lastDraw;
    private int lastLength;

    EvalProgress(PrintStream err, boolean enabled, String label, int total) {
        this.err = err;
        this.enabled = enabled && total > 0;
        this.label = label;
        this.total = total;
    }

    /** Whether stderr is a terminal, as far as Java can tell. */
    static boolean onTerminal() {
        return System.console() != null;
    }

    void update(int done) {
        long now = System.nanoTime();
        if (!enabled || (now - lastDraw < 200_000_000L && done < total)) {
            return;
        }
        lastDraw = now;
        double seconds = (now - start) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        int filled = (int) ((long) BAR * done / total);
        String eta = rate > 0 ? duration((total - done) / rate) : "?";
        String line = String.format(Locale.ROOT, "%s [%s%s] %d/%d images, %.1f images/s, %s left", label, "#".repeat(filled),
                ".".repeat(BAR - filled), done, total, rate, eta);
        err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
        err.flush();
        lastLength = line.length();
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }

    @Override
    public void close() {
        if (enabled && lastLength > 0) {
            err.print("\r" + " ".repeat(lastLength) + "\r");
            err.flush();
        }
    }
}
