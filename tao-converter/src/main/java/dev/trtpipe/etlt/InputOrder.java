package dev.trtpipe.etlt;

import java.util.Locale;

/** tao-converter's {@code -i}: the order of the {@code -d} dimensions of a UFF input. */
public enum InputOrder {
    NCHW, NHWC, NC;

    public static InputOrder parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-i: unknown input order '" + text + "'; use nchw, nhwc or nc");
        }
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
