package dev.trtpipe.exporters;

import java.nio.file.Path;
import dev.trtpipe.detect.SettingException;
import java.util.regex.Pattern;

/** The name a model is deployed under: a Triton model directory, a DeepStream config file suffix. */
public final class ModelName {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private ModelName() {
    }

    /**
     * @throws IllegalArgumentException when {@code name} would not make a safe single path component
     */
    public static String checked(String name) {
        if (!SAFE.matcher(name).matches()) {
            throw new SettingException("model name '" + name + "' must start with a letter or digit and hold only"
                    + " letters, digits, '.', '_' and '-'; pass another {MODEL_NAME}");
        }
        return name;
    }

    /** The model file's name without its extension ({@code yolov4-tiny.onnx} gives {@code yolov4-tiny}). */
    public static String of(Path modelFile) {
        String file = modelFile.getFileName().toString();
        int dot = file.lastIndexOf('.');
        return checked(dot > 0 ? file.substring(0, dot) : file);
    }
}
