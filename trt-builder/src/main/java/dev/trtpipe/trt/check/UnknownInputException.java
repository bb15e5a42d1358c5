package dev.trtpipe.trt.check;

import java.util.Set;

/**
 * A check setting names an input the model does not have. The message states the fact in the library's words;
 * a command line names its own option from {@link #setting()}.
 */
public final class UnknownInputException extends IllegalArgumentException {

    /** The setting that names the input. */
    public enum Setting {
        /** {@link CheckSettings#inputFiles()}. */
        INPUT_FILE("an input file"),
        /** {@link CheckSettings#ranges()}. */
        VALUE_RANGE("a value range");

        private final String words;

        Setting(String words) {
            this.words = words;
        }
    }

    private final Setting setting;
    private final String input;
    private final String inputs;

    public UnknownInputException(Setting setting, String input, Set<String> inputs) {
        super(setting.words + " is given for input '" + input + "': the model has no input '" + input + "'; its inputs are " + inputs);
        this.setting = setting;
        this.input = input;
        this.inputs = String.valueOf(inputs);
    }

    public Setting setting() {
        return setting;
    }

    public String input() {
        return input;
    }

    /** The model's inputs as the message lists them. */
    public String inputs() {
        return inputs;
    }
}
