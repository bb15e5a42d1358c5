package dev.trtpipe.darknet;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Typed, first-key-wins access to one section's options, in the spirit of darknet's
 * {@code option_find_int/float/str}, but strict: a value that is not a number is an error with the line
 * (darknet's {@code atoi} would silently read 0). Remembers which keys were read so that the leftovers
 * can be reported, as darknet's "Unused field" does.
 */
final class SectionReader {

    /** Keys darknet reads for every layer that only matter for training. */
    private static final Set<String> TRAINING_KEYS = Set.of("stopbackward", "onlyforward", "learning_rate",
            "clip", "dontsave", "truth", "smooth", "train_only_bn", "dont_update", "burnin_update",
            "show_receptive_field");

    private final String file;
    private final CfgSection section;
    private final Set<String> used = new HashSet<>();

    SectionReader(String file, CfgSection section) {
        this.file = file;
        this.section = section;
    }

    String file() {
        return file;
    }

    String name() {
        return section.name();
    }

    int line() {
        return section.line();
    }

    boolean has(String key) {
        return section.find(key) != null;
    }

    int getInt(String key, int defaultValue) {
        CfgOption o = option(key);
        return o == null ? defaultValue : parseInt(o, o.value());
    }

    int requireInt(String key) {
        return parseInt(require(key), require(key).value());
    }

    float getFloat(String key, float defaultValue) {
        CfgOption o = option(key);
        return o == null ? defaultValue : parseFloat(o, o.value());
    }

    String getString(String key, String defaultValue) {
        CfgOption o = option(key);
        return o == null ? defaultValue : o.value();
    }

    boolean getFlag(String key) {
        return getInt(key, 0) != 0;
    }

    /** A comma list of integers; empty items count as 0 (as darknet's {@code atoi("")}). */
    int[] getInts(String key, int[] defaultValue) {
        CfgOption o = option(key);
        if (o == null) {
            return defaultValue;
        }
        String[] items = o.value().split(",", -1);
        int[] out = new int[items.length];
        for (int i = 0; i < items.length; i++) {
            out[i] = items[i].isEmpty() ? 0 : parseInt(o, items[i]);
        }
        return out;
    }

    int[] requireInts(String key) {
        require(key);
        return getInts(key, null);
    }

    /** A comma list of floats; a trailing empty item (a trailing comma) is dropped. */
    float[] getFloats(String key, float[] defaultValue) {
        CfgOption o = option(key);
        if (o == null) {
            return defaultValue;
        }
        String value = o.value().endsWith(",") ? o.value().substring(0, o.value().length() - 1) : o.value();
        String[] items = value.split(",", -1);
        float[] out = new float[items.length];
        for (int i = 0; i < items.length; i++) {
            out[i] = items[i].isEmpty() ? 0f : parseFloat(o, items[i]);
        }
        return out;
    }

    /** Fails when the key is present with a value other than {@code neutral}: trtpipe does not implement it. */
    void rejectUnless(String key, String neutral, String why) {
        CfgOption o = option(key);
        if (o != null && !o.value().equals(neutral)) {
            throw error(o.line(), key + "=" + o.value() + " is not supported (" + why + "); remove it or use darknet");
        }
    }

    /** Marks keys as known but irrelevant for inference (training options), so they are not reported. */
    void ignore(String... keys) {
        used.addAll(List.of(keys));
    }

    /** Reports every option nobody read, like darknet's "Unused field". */
    void reportUnused(Consumer<String> warnings) {
        for (CfgOption o : section.options()) {
            if (!used.contains(o.key()) && !TRAINING_KEYS.contains(o.key())) {
                warnings.accept(file + ":" + o.line() + ": unused key '" + o.key() + "=" + o.value()
                        + "' in [" + name() + "]");
            }
        }
    }

    DarknetFormatException error(String message) {
        return DarknetFormatException.at(file, line(), "[" + name() + "] " + message);
    }

    DarknetFormatException error(int line, String message) {
        return DarknetFormatException.at(file, line, "[" + name() + "] " + message);
    }

    /** The line of a key if present, else the section's line: where an error about the key points. */
    int lineOf(String key) {
        CfgOption o = section.find(key);
        return o == null ? line() : o.line();
    }

    private CfgOption option(String key) {
        used.add(key);
        return section.find(key);
    }

    private CfgOption require(String key) {
        CfgOption o = option(key);
        if (o == null) {
            throw error("needs '" + key + "=' but the section has none");
        }
        return o;
    }

    private int parseInt(CfgOption o, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw error(o.line(), o.key() + "='" + o.value() + "' is not an integer");
        }
    }

    private float parseFloat(CfgOption o, String text) {
        try {
            float f = Float.parseFloat(text);
            if (!Float.isFinite(f) || Character.isLetter(text.charAt(text.length() - 1))) {
                throw new NumberFormatException();
            }
            return f;
        } catch (NumberFormatException e) {
            throw error(o.line(), o.key() + "='" + o.value() + "' is not a number");
        }
    }
}
