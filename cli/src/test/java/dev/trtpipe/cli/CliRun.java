package dev.trtpipe.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** One {@code trtpipe} invocation through {@link Main#run}, with its exit code and captured output. */
record CliRun(int exit, String out, String err) {

    static CliRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(args, new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * stderr as a terminal leaves it: a progress line redrawn with {@code \r} shows only what was drawn
     * last, and a line the progress display blanked out is gone.
     */
    List<String> errOnScreen() {
        return Arrays.stream(err.split("\n"))
                .map(line -> line.substring(line.lastIndexOf('\r') + 1))
                .filter(line -> !line.isBlank())
                .toList();
    }

    /** The last line of {@link #errOnScreen()}: the command's error message, if it failed. */
    String lastErrLine() {
        List<String> lines = errOnScreen();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
}
