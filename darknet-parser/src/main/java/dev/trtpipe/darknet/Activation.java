package dev.trtpipe.darknet;

import java.util.Locale;

/** Darknet's activation functions, by their cfg names (darknet.md §6.3; both forks). */
public enum Activation {
    LINEAR, LEAKY, LOGISTIC, RELU, RELIE, RAMP, TANH, ELU, SELU, LOGGY, PLSE, STAIR, HARDTAN, LHTAN,
    MISH, SWISH, HARD_MISH, RELU6, GELU, REVLEAKY,
    NORMALIZE_CHANNELS, NORMALIZE_CHANNELS_SOFTMAX, NORMALIZE_CHANNELS_SOFTMAX_MAXVAL;

    /** The name as written in a cfg. */
    public String cfgName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code null} for a name darknet does not know (darknet itself would silently use ReLU). */
    public static Activation fromCfgName(String name) {
        for (Activation a : values()) {
            if (a.cfgName().equals(name)) {
                return a;
            }
        }
        return null;
    }

    static Activation read(SectionReader s, String defaultName) {
        String name = s.getString("activation", defaultName);
        Activation a = fromCfgName(name);
        if (a == null) {
            throw s.error(s.lineOf("activation"), "unknown activation '" + name
                    + "' (darknet would silently use relu); use one of linear, leaky, logistic, relu, mish, swish, …");
        }
        return a;
    }
}
