package dev.trtpipe.cli;

/** Process exit codes, the same for every command. */
public final class ExitCode {
    public static final int OK = 0;
    /** The input (a file, its contents) is bad; the message names it. */
    public static final int BAD_INPUT = 1;
    /** The command line is wrong. */
    public static final int USAGE = 2;
    /** The command needs TensorRT or a GPU and this host has neither. */
    public static final int NO_TENSORRT = 3;
    /** A bug or an exhausted resource (out of memory) inside trtpipe: sysexits' EX_SOFTWARE. */
    public static final int INTERNAL = 70;

    private ExitCode() {
    }
}
