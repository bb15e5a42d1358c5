package dev.trtpipe.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.List;

/**
 * Turns an exception escaping a command into the exit code and the single line the user sees. The
 * libraries throw exceptions whose messages are written for users (file, line or offset, fix); this
 * class only decides the exit code and strips Java's noise, never a stack trace.
 */
final class ErrorMessages {

    /** Library exception types whose message is already a complete one-line user message. */
    private static final List<Class<? extends Throwable>> BAD_INPUT = List.of(
            IllegalArgumentException.class,
            IOException.class
    );

    /** Exception simple names meaning "TensorRT or the GPU is missing" (looked up by name: no class loading). */
    private static final String TRT_UNAVAILABLE = "TrtUnavailableException";

    private ErrorMessages() {
    }

    static int exitCode(Throwable t) {
        if (t.getClass().getSimpleName().equals(TRT_UNAVAILABLE)) {
            return ExitCode.NO_TENSORRT;
        }
        if (t instanceof UsageException) {
            return ExitCode.USAGE;
        }
        return ExitCode.BAD_INPUT;
    }

    static String message(Throwable t) {
        if (t instanceof NoSuchFileException e) {
            return "no such file: " + e.getFile();
        }
        if (t instanceof AccessDeniedException e) {
            return "permission denied: " + e.getFile();
        }
        String msg = t.getMessage();
        boolean known = BAD_INPUT.stream().anyMatch(k -> k.isInstance(t)) || t instanceof UsageException;
        if (msg == null || msg.isBlank()) {
            return "unexpected " + t.getClass().getSimpleName() + (t.getCause() != null ? " (" + message(t.getCause()) + ")" : "");
        }
        String oneLine = msg.strip().replace('\n', ' ');
        return known || t.getClass().getName().startsWith("dev.trtpipe.") ? oneLine
                : t.getClass().getSimpleName() + ": " + oneLine;
    }
}
