package dev.trtpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and one-line messages of failures that escape a command, internal errors included. */
class ErrorMessagesTest {

    @TempDir
    Path dir;

    @Test
    void outOfMemoryIsAnInternalErrorOfOneLine() {
        OutOfMemoryError oom = new OutOfMemoryError("Java heap space");

        assertThat(ErrorMessages.exitCode(oom)).isEqualTo(ExitCode.INTERNAL).isEqualTo(70);
        assertThat(ErrorMessages.message(oom)).startsWith("internal error: out of memory").doesNotContain("\n");
    }

    @Test
    void programmingErrorsAreInternalAndBadInputIsNot() {
        assertThat(ErrorMessages.exitCode(new NullPointerException())).isEqualTo(ExitCode.INTERNAL);
        assertThat(ErrorMessages.exitCode(new ArrayIndexOutOfBoundsException(7))).isEqualTo(ExitCode.INTERNAL);
        assertThat(ErrorMessages.exitCode(new StackOverflowError())).isEqualTo(ExitCode.INTERNAL);
        assertThat(ErrorMessages.exitCode(new IOException("model.cfg:3: bad"))).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(ErrorMessages.exitCode(new IllegalArgumentException("x"))).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(ErrorMessages.message(new NullPointerException())).startsWith("internal error: NullPointerException");
    }

    @Test
    void wrappersOfPoolsAndFuturesAreUnwrapped() {
        OutOfMemoryError oom = new OutOfMemoryError();

        assertThat(ErrorMessages.unwrap(new ExecutionException(new java.io.UncheckedIOException(new IOException("inner")))))
                .hasMessage("inner");
        assertThat(ErrorMessages.unwrap(new java.util.concurrent.CompletionException(oom))).isSameAs(oom);
    }

    @Test
    void debugShowsTheStackTraceAndIsNoOptionOfTheCommand() {
        String missing = dir.resolve("missing.cfg").toString();
        String[] args = {"inspect-darknet", "--cfg", missing};

        CliRun plain = CliRun.of(args);
        CliRun debug = CliRun.of("inspect-darknet", "--debug", "--cfg", missing);

        assertThat(plain.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(plain.err()).doesNotContain("\tat ");
        assertThat(debug.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(debug.err()).contains("\tat ").endsWith(plain.err());
    }
}
