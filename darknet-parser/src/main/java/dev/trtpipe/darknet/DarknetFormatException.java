package dev.trtpipe.darknet;

import dev.trtpipe.detect.SettingFact;

/**
 * A {@code .cfg} or {@code .weights} file that trtpipe cannot turn into a correct network. The message
 * is one complete line for the user: the file, the line (cfg) or byte offset (weights), what is wrong
 * and, where there is one, the fix. A fix that is a setting (a partial load) is named as a {@link SettingFact}
 * placeholder, so a command line can write its flag for it.
 */
public final class DarknetFormatException extends IllegalArgumentException implements SettingFact {

    private final String fact;

    /** @param fact the message, a setting it names written as {@code {SETTING}} */
    public DarknetFormatException(String fact) {
        super(SettingFact.words(fact));
        this.fact = fact;
    }

    @Override
    public String fact() {
        return fact;
    }

    /** {@code file:line: message}, the form compilers use, so editors can jump to it. */
    static DarknetFormatException at(String file, int line, String message) {
        return new DarknetFormatException(file + ":" + line + ": " + message);
    }
}
