package dev.trtpipe.darknet;

/**
 * A {@code .cfg} or {@code .weights} file that trtpipe cannot turn into a correct network. The message
 * is one complete line for the user: the file, the line (cfg) or byte offset (weights), what is wrong
 * and, where there is one, the fix.
 */
public final class DarknetFormatException extends IllegalArgumentException {

    public DarknetFormatException(String message) {
        super(message);
    }

    /** {@code file:line: message}, the form compilers use, so editors can jump to it. */
    static DarknetFormatException at(String file, int line, String message) {
        return new DarknetFormatException(file + ":" + line + ": " + message);
    }
}
