package dev.trtpipe.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code detect}'s progress over many images on a terminal: done/total, images/s and the time left, redrawn
 * in place on stderr at most every {@value #REDRAW_MILLIS} ms. Only for an interactive stderr: in a log
 * file or a pipe the carriage returns would be noise.
 */
final class ProgressBar {

    private static final long REDRAW_MILLIS = 200;
    private static final int WIDTH = 24;

    private final PrintStream err;
    private final int total;
    /** Whether results printed on stdout land on the same terminal, under the bar. */
    private final boolean stdoutOnTerminal;
    private final long start = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    ProgressBar(PrintStream err, int total, boolean stdoutOnTerminal) {
        this.err = err;
        this.total = total;
        this.stdoutOnTerminal = stdoutOnTerminal;
    }

    /** A bar on the process's stderr when it is a terminal and the console writes to it; else none. */
    static Optional<ProgressBar> onTerminal(Console console, int total) {
        if (console.err() != System.err || !isTerminal(2)) {
            return Optional.empty();
        }
        return Optional.of(new ProgressBar(console.err(), total, console.out() == System.out && isTerminal(1)));
    }

    private static boolean isTerminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception e) { // not Linux: fall back to the JDK's (stdin and stdout) notion of a terminal
            return System.console() != null;
        }
    }

    /** Redraws when enough time has passed since the last drawing. */
    void update(int done, int failed) {
        long now = System.nanoTime();
        if (done < total && (now - lastDraw) / 1_000_000 < REDRAW_MILLIS) {
            return;
        }
        lastDraw = now;
        err.print("\r" + line(done, failed, (now - start) / 1e9, total) + "\033[K");
        err.flush();
        drawn = true;
    }

    /** Wipes the bar before a result line when stdout shares the terminal (into a file or pipe, the bar stays). */
    void clearForStdout() {
        if (stdoutOnTerminal) {
            clear();
        }
    }

    /** Wipes the bar so that a line printed next starts clean. */
    void clear() {
        if (drawn) {
            err.print("\r\033[K");
            err.flush();
            drawn = false;
            lastDraw = 0;
        }
    }

    /** {@code [#########...]  450/1000  812.3 images/s  ETA 0:01  (2 failed)}. */
    static String line(int done, int failed, double seconds, int total) {
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
        double rate = seconds > 0 ? done / seconds : 0;
        long eta = rate > 0 ? Math.round((total - done) / rate) : -1;
        return String.format(Locale.ROOT, "[%s%s] %d/%d  %.1f images/s  ETA %s%s", "#".repeat(filled), ".".repeat(WIDTH - filled),
                done, total, rate, eta < 0 ? "?" : String.format(Locale.ROOT, "%d:%02d", eta / 60, eta % 60),
                failed > 0 ? "  (" + failed + " failed)" : "");
    }
}
