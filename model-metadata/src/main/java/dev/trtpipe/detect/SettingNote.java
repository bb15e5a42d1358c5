package dev.trtpipe.detect;

import java.util.List;
import java.util.Objects;

/**
 * A warning that may name a setting ("the batch size ignored: …"), kept as a {@link SettingFact} template so that a
 * command line can write its flag where the library writes its words. A plain warning is a template without
 * placeholders.
 *
 * @param fact the warning, each setting written as {@code {SETTING}}
 */
public record SettingNote(String fact) implements SettingFact {

    public SettingNote {
        Objects.requireNonNull(fact, "fact");
    }

    /** The notes in the library's words, for a caller that only shows them. */
    public static List<String> messages(List<SettingNote> notes) {
        return notes.stream().map(SettingNote::message).toList();
    }

    /** The library's words. */
    @Override
    public String toString() {
        return message();
    }
}
