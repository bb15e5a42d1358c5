package dev.trtpipe.uff;

import dev.trtpipe.detect.SettingFact;

/**
 * Bad input found while a translator reads a node (a field of the wrong kind or size); {@link UffToOnnx}
 * turns it into a {@link UffFormatException}. Unchecked so that translators stay small lambdas-like classes.
 * A translation setting that would avoid the problem is named as a {@link SettingFact} placeholder.
 */
public final class UffFormatRuntimeException extends RuntimeException implements SettingFact {

    private final String fact;

    public UffFormatRuntimeException(String fact) {
        super(SettingFact.words(fact));
        this.fact = fact;
    }

    @Override
    public String fact() {
        return fact;
    }
}
