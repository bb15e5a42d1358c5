package dev.trtpipe.detect;

import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;

/**
 * A setting that cannot work on this model, engine or host. The libraries know settings, not command-line flags,
 * so the message is a template that names each setting as {@code {BATCH_SIZE}}: {@link #getMessage()} writes the
 * library's words for it ("the batch size"), and a command line writes its own flag through {@link #render(Function)}.
 * {@link #commandLineAdvice()} is what only a command line can act on (a trtpipe command to run), left out of
 * {@link #getMessage()}.
 */
public final class SettingException extends IllegalArgumentException implements SettingFact {

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
        ALLOW_PARTIAL("a partial load"),
        WEIGHTS("the weights path"),
        CLASS_NAMES("class names"),
        INPUT_SHAPE("the input shape"),
        INPUT_RANGE("the input range"),
        PROFILE("the optimization profile"),
        IMAGE("an input image"),
        NVINFER_CONFIG("its nvinfer config"),
        REBUILD("a rebuild"),
        RECURSIVE("the recursive listing"),
        NMS_PLUGIN("the in-graph NMS"),
        PLAIN_NMS("the plain NMS"),
        OUTPUT("output path"),
        FORCE("the force option"),
        MODEL_NAME("model name"),
        MAX_BATCH("maximum batch"),
        PARSE_FUNCTION("a bbox parse function"),
        CUSTOM_LIBRARY("its custom library"),
        DEPLOYED_PRECISION("a precision"),
        SOURCE_ONNX("its ONNX file"),
        STREAM_RETRIES("the stream retries"),
        /** An explicit shape profile, as in "without a shape profile". */
        SHAPE_PROFILE("shape"),
        ENGINE("engine"),
        /** The key an {@code .etlt} was encrypted with ({@code EtltKey} in the libraries). */
        ETLT_KEY("an EtltKey"),
        /** How a UFF model's input is laid out (NCHW, NHWC or NC). */
        INPUT_ORDER("the input layout");

        private final String words;

        Setting(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    private final String fact;
    private final String commandLineAdvice;

    /**
     * @param fact              the message, each setting written as {@code {SETTING}}
     * @param commandLineAdvice what a command line adds after the fact (same placeholders), or ""
     */
    public SettingException(String fact, String commandLineAdvice) {
        super(SettingFact.words(fact));
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
            Optional<Setting> s = SettingFact.setting(m.group(1));
            if (s.isPresent()) {
                return s;
            }
        }
        return Optional.empty();
    }

    @Override
    public String fact() {
        return fact;
    }

    @Override
    public String commandLineAdvice() {
        return commandLineAdvice;
    }

    /** The same fact about {@code subject}, as {@code "subject: fact"}: for a caller that knows which model it concerns. */
    public SettingException about(String subject) {
        SettingException e = new SettingException(subject + ": " + fact, commandLineAdvice);
        e.initCause(this);
        return e;
    }
}
