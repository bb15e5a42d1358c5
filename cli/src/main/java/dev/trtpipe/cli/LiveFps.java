package dev.trtpipe.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The live frame rate of a video run, redrawn in place on stderr at most twice a second. Only on a terminal:
 * in a log file or a pipe, {@code \r} redraws are noise, and the summary line says the same at the end.
 */
final class LiveFps {

    private static final long REDRAW_NANOS = 500_000_000L;

    private final PrintStream err;
    private final boolean enabled;
    private final String source;
    private long windowStart = System.nanoTime();
    private long windowFrames;
    private long lastDraw;
    private int lastLength;

    LiveFps(PrintStream err, boolean enabled, String source) {
        this.err = err;
        this.enabled = enabled;
        this.source = source;
    }

    /** Whether {@code err} is the process's stderr and the process runs on a terminal. */
    static boolean onTerminal(PrintStream err) {
        return err == System.err && System.console() != null && isTerminal(System.console());
    }

    /** Java 22+ returns a console even when redirected; {@code isTerminal()} then tells (looked up: we compile for 17). */
    private static boolean isTerminal(java.io.Console console) {
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // before Java 22 a non-null console is a terminal
        }
    }

    /** Counts a processed frame ({@code index}: its index in the source). */
    void frame(long index) {
        if (!enabled) {
            return;
        }
        windowFrames++;
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NANOS) {
            return;
        }
        double fps = windowFrames * 1e9 / Math.max(1, now - windowStart);
        String line = String.format(Locale.ROOT, "%s: frame %d, %.1f frames/s", source, index, fps);
        err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
        err.flush();
        lastLength = line.length();
        lastDraw = now;
        if (now - windowStart > 4 * REDRAW_NANOS) { // a sliding few seconds: shows a stream slowing down
            windowStart = now;
            windowFrames = 0;
        }
    }

    /** Clears the line for what follows. */
    void clear() {
        if (enabled && lastLength > 0) {
            err.print("\r" + " ".repeat(lastLength) + "\r");
            err.flush();
            lastLength = 0;
        }
    }
}
