package dev.trtpipe.trt;

import java.util.Locale;

/** Engine precision, as {@code -t} spells it for trtexec-style and tao-converter command lines. */
public enum Precision {
    FP32, FP16, INT8;

    public static Precision parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown precision '" + text + "': use fp32, fp16 or int8");
        }
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
