package dev.trtpipe.detect;

import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A setting that cannot work on this model, engine or host. The libraries know settings, not command-line flags,
 * so the message is a template that names each setting as {@code {BATCH_SIZE}}: {@link #getMessage()} writes the
 * library's words for it ("the batch size"), and a command line writes its own flag through {@link #render(Function)}.
 * {@link #commandLineAdvice()} is what only a command line can act on (a trtpipe command to run), left out of
 * {@link #getMessage()}.
 */
public final class SettingException extends IllegalArgumentException {

    /** The settings a library fact may name, with the words the library uses for them. */
    public enum Setting {
        BATCH_SIZE("the batch size"),
        BATCH_PROFILE("a batch profile"),
        DYNAMIC_BATCH("a dynamic batch"),
        GPU_PREPROCESS("GPU preprocessing"),
        PRECISION("precision"),
        CALIBRATION_IMAGES("calibration images"),
        CALIBRATION_CACHE("a calibration cache"),
        HEAD("the head mode"),
        SCORE_THRESHOLD("the score threshold"),
        IOU_THRESHOLD("the IoU threshold"),
        ALLOW_PARTIAL("partial weights"),
        CLASS_NAMES("class names"),
        INPUT_SHAPE("the input shape"),
        INPUT_RANGE("the input range"),
        PROFILE("the optimization profile"),
        IMAGE("an input image"),
        NVINFER_CONFIG("its nvinfer config"),
        REBUILD("a rebuild"),
        RECURSIVE("the recursive listing");

        private final String words;

        Setting(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** {@code {SETTING}}, or {@code {SETTING DIR}} where a command line writes its flag's metavariable after the flag. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Z_]+)(?: ([A-Z]+))?}");

    private final String fact;
    private final String commandLineAdvice;

    /**
     * @param fact              the message, each setting written as {@code {SETTING}}
     * @param commandLineAdvice what a command line adds after the fact (same placeholders), or ""
     */
    public SettingException(String fact, String commandLineAdvice) {
        super(render(fact, Setting::words, false));
        this.fact = fact;
        this.commandLineAdvice = commandLineAdvice;
    }

    public SettingException(String fact) {
        this(fact, "");
    }

    /** The first setting the fact names: the one at fault. */
    public Optional<Setting> firstSetting() {
        Matcher m = PLACEHOLDER.matcher(fact);
        while (m.find()) {
            Optional<Setting> s = setting(m.group(1));
            if (s.isPresent()) {
                return s;
            }
        }
        return Optional.empty();
    }

    /** The template of the fact, with its placeholders. */
    public String fact() {
        return fact;
    }

    public String commandLineAdvice() {
        return commandLineAdvice;
    }

    /** The fact followed by the command-line advice, each setting written by {@code flag} and its metavariable. */
    public String render(Function<Setting, String> flag) {
        return render(fact + commandLineAdvice, flag, true);
    }

    private static Optional<Setting> setting(String name) {
        for (Setting s : Setting.values()) {
            if (s.name().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The same fact about {@code subject}, as {@code "subject: fact"}: for a caller that knows which model it concerns. */
    public SettingException about(String subject) {
        SettingException e = new SettingException(subject + ": " + fact, commandLineAdvice);
        e.initCause(this);
        return e;
    }

    /** Renders one template. */
    private static String render(String template, Function<Setting, String> name, boolean metavariables) {
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
