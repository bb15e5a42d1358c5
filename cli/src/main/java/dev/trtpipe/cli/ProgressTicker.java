package dev.trtpipe.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress display for long builds: the current phase and the elapsed time, redrawn every
 * second on stderr ({@code \r}, no scrolling). TensorRT's tactic search gives no step count through
 * the Java presets, so elapsed time is what there is to show.
 */
final class ProgressTicker implements AutoCloseable {

    private final PrintStream err;
    private final long start = System.nanoTime();
    private final Thread thread;
    private volatile String phase = "starting";
    private volatile boolean running = true;
    private int lastLength;

    ProgressTicker(PrintStream err) {
        this.err = err;
        this.thread = new Thread(this::tick, "trtpipe-progress");
        thread.setDaemon(true);
        thread.start();
    }

    void phase(String description) {
        phase = description;
        draw();
    }

    private void tick() {
        while (running) {
            draw();
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void draw() {
        if (!running) {
            return;
        }
        String line = String.format(Locale.ROOT, "%s ... %ds", phase, (System.nanoTime() - start) / 1_000_000_000L);
        err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
        err.flush();
        lastLength = line.length();
    }

    @Override
    public void close() {
        synchronized (this) {
            running = false;
            if (lastLength > 0) {
                err.print("\r" + " ".repeat(lastLength) + "\r");
                err.flush();
            }
        }
        thread.interrupt();
    }
}
