package dev.trtpipe.cli;

/** A command line the options parser accepted but the command cannot run (exit code 2). */
public final class UsageException extends Exception {
    public UsageException(String message) {
        super(message);
    }
}
