package dev.trtpipe.detect;

import java.io.IOException;

/** An {@link IOException} whose message is a {@link SettingFact}: a file that a setting can make work. */
public final class SettingIOException extends IOException implements SettingFact {

    private final String fact;

    /** @param fact the message, each setting written as {@code {SETTING}} */
    public SettingIOException(String fact, Throwable cause) {
        super(SettingFact.words(fact), cause);
        this.fact = fact;
    }

    @Override
    public String fact() {
        return fact;
    }
}
