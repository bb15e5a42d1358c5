package dev.trtpipe.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Optional;

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
    private static final List<String> TRT_UNAVAILABLE = List.of("TrtUnavailableException", "TensorRtUnavailableException");

    private ErrorMessages() {
    }

    /**
     * Throwables that mean trtpipe itself failed, not the input: the JVM ran out of memory or stack, or a
     * programming error surfaced. Library checks throw {@link IllegalArgumentException} or
     * {@link IOException} for bad input, so these never describe the user's file.
     */
    private static final List<Class<? extends Throwable>> INTERNAL = List.of(
            VirtualMachineError.class,
            NullPointerException.class,
            IndexOutOfBoundsException.class,
            ClassCastException.class,
            ArithmeticException.class,
            NegativeArraySizeException.class,
            ArrayStoreException.class,
            IllegalStateException.class,
            UnsupportedOperationException.class,
            java.util.ConcurrentModificationException.class,
            AssertionError.class
    );

    /**
     * Whether {@code t} is trtpipe's own failure (exit 70): a throwable listed above, or any other that is neither
     * bad input (the libraries' {@link IllegalArgumentException}s, {@link IOException}s and own exception types), nor
     * a usage error, nor a missing TensorRT. An exception nobody anticipated is a bug, not a verdict on the input.
     */
    static boolean isInternal(Throwable t) {
        if (INTERNAL.stream().anyMatch(k -> k.isInstance(t))) {
            return true;
        }
        return !(t instanceof UsageException || isTrtUnavailable(t) || isBadInput(t));
    }

    private static boolean isBadInput(Throwable t) {
        return BAD_INPUT.stream().anyMatch(k -> k.isInstance(t)) || t.getClass().getName().startsWith("dev.trtpipe.");
    }

    private static boolean isTrtUnavailable(Throwable t) {
        return TRT_UNAVAILABLE.contains(t.getClass().getSimpleName());
    }

    /** The throwable that says what happened: wrappers of pools and futures add nothing for the user. */
    static Throwable unwrap(Throwable t) {
        Throwable u = t;
        while ((u instanceof java.io.UncheckedIOException || u instanceof java.util.concurrent.ExecutionException
                || u instanceof java.util.concurrent.CompletionException
                || u instanceof java.lang.reflect.InvocationTargetException) && u.getCause() != null) {
            u = u.getCause();
        }
        return u;
    }

    static int exitCode(Throwable t) {
        if (isInternal(t)) {
            return ExitCode.INTERNAL;
        }
        if (isTrtUnavailable(t)) {
            return ExitCode.NO_TENSORRT;
        }
        if (t instanceof UsageException) {
            return ExitCode.USAGE;
        }
        return ExitCode.BAD_INPUT;
    }

    static String message(Throwable t) {
        if (t instanceof OutOfMemoryError) {
            return "internal error: out of memory (Java heap limit " + (Runtime.getRuntime().maxMemory() >> 20)
                    + " MiB); give the JVM more with JAVA_OPTS=-Xmx…, or report the input that needs this much"
                    + " (TRTPIPE_DEBUG=1 or --debug shows the stack trace)";
        }
        if (isInternal(t)) {
            String what = t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName()
                    : t.getClass().getSimpleName() + ": " + t.getMessage().strip().replace('\n', ' ');
            return "internal error: " + what + "; please report it with the output of --debug (or TRTPIPE_DEBUG=1)";
        }
        Optional<String> withFlags = LibraryFacts.withFlags(t);
        if (withFlags.isPresent()) {
            return withFlags.get();
        }
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
