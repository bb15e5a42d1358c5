package dev.trtpipe.uff;

import dev.trtpipe.detect.SettingFact;
import java.io.IOException;

/**
 * A UFF graph that does not parse or does not hold together (dangling input, missing reference, wrong blob size).
 * A translation setting that would avoid the problem is named as a {@link SettingFact} placeholder.
 */
public final class UffFormatException extends IOException implements SettingFact {

    private final String fact;

    public UffFormatException(String message) {
        this(message, null);
    }

    public UffFormatException(String message, Throwable cause) {
        super(SettingFact.words(OneLine.of(message)), cause);
        this.fact = OneLine.of(message);
    }

    /** The checked form of a problem a translator found, its fact kept. */
    static UffFormatException of(UffFormatRuntimeException e) {
        return new UffFormatException(e.fact());
    }

    @Override
    public String fact() {
        return fact;
    }
}
