package dev.trtpipe.detect;

import dev.trtpipe.detect.SettingException.Setting;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A library message about a setting, kept as a template that names each setting as {@code {SETTING}}, or as
 * {@code {SETTING META}} where a command line writes the flag's metavariable or value after the flag
 * ({@code {CALIBRATION_IMAGES DIR}}, {@code {PLAIN_NMS onnx}}, {@code {ETLT_KEY <key>}}). The libraries know settings, not command-line flags:
 * {@link #message()} writes the template in the library's words ("a partial load"), and a command line writes its
 * own flag for each setting through {@link #render(Function)}.
 * Exceptions of any type (an {@code IOException}, an {@code IllegalArgumentException}) carry their fact by
 * implementing this interface, so that their type, and so the caller's handling, stays what it was.
 */
public interface SettingFact {

    /** {@code {SETTING}}, or {@code {SETTING DIR}} with a metavariable or value that only the command line writes. */
    Pattern PLACEHOLDER = Pattern.compile("\\{([A-Z_]+)(?: (<?[A-Za-z]+>?))?}");

    /** The template of the fact, with its placeholders. */
    String fact();

    /** What only a command line can act on (a trtpipe command to run), appended by {@link #render}; "" when none. */
    default String commandLineAdvice() {
        return "";
    }

    /** The fact in the library's words, without the command-line advice. */
    default String message() {
        return words(fact());
    }

    /** The fact followed by the command-line advice, each setting written by {@code flag} and its metavariable. */
    default String render(Function<Setting, String> flag) {
        return render(fact() + commandLineAdvice(), flag);
    }

    /** {@code template} with each setting in the library's words and no metavariables. */
    static String words(String template) {
        return substitute(template, Setting::words, false);
    }

    /** {@code template} with each setting written by {@code flag}, followed by its metavariable. */
    static String render(String template, Function<Setting, String> flag) {
        return substitute(template, flag, true);
    }

    /** The setting a placeholder's name stands for; empty for braces that belong to the text (a file name). */
    static Optional<Setting> setting(String name) {
        for (Setting s : Setting.values()) {
            if (s.name().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    private static String substitute(String template, Function<Setting, String> name, boolean metavariables) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Optional<Setting> setting = setting(m.group(1));
            String meta = metavariables && m.group(2) != null ? " " + m.group(2) : "";
            // braces that name no setting belong to the text (a file name), and stay as they are
            m.appendReplacement(out, Matcher.quoteReplacement(setting.map(x -> name.apply(x) + meta).orElse(m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }
}
