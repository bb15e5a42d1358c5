package dev.trtpipe.trt;

import dev.trtpipe.darknet.DetectionSpec;
import dev.trtpipe.detect.SettingException;
import dev.trtpipe.detect.preprocess.ImageLoader;
import dev.trtpipe.detect.preprocess.Preprocessor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The input a darknet model sees at inference time, for INT8 calibration and the GPU self-test: the
 * detect module's {@link Preprocessor} (darknet's {@code resize_image} or {@code letterbox_image}, bit
 * for bit, RGB in [0, 1]). The model's {@link DetectionSpec} (ONNX {@code metadata_props}) chooses
 * letterbox; a model without one gets plain resize, darknet's choice for a cfg without {@code letter_box}.
 * Calibrating on anything else would fit the INT8 ranges to pixels the engine never sees.
 */
public final class DarknetPreprocessing implements CalibrationPreprocessor {

    private final String source;
    private final boolean letterbox;

    private DarknetPreprocessing(String source, boolean letterbox) {
        this.source = source;
        this.letterbox = letterbox;
    }

    /**
     * The preprocessing of the model whose ONNX metadata is {@code metadata}.
     *
     * @param source names the model in messages
     * @throws IllegalArgumentException when the metadata holds a malformed detection spec
     */
    public static DarknetPreprocessing forModel(String source, Map<String, String> metadata) {
        if (!DetectionSpec.isPresentIn(metadata)) {
            return new DarknetPreprocessing(source, false);
        }
        try {
            return new DarknetPreprocessing(source, DetectionSpec.fromMetadata(metadata).letterbox());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage() + "; re-convert the model with trtpipe", e);
        }
    }

    public boolean letterbox() {
        return letterbox;
    }

    /**
     * Checks that this preprocessing can feed {@code input}, before any image is read.
     *
     * @throws IllegalArgumentException for an input without 3 (RGB) channels
     */
    public void checkFeeds(String input, long channels) {
        if (channels != 3) {
            throw new SettingException(source + ": input '" + input + "' takes " + channels + " channel(s), but"
                    + " calibration images are prepared as darknet prepares them, as 3 RGB channels; calibrate with"
                    + " {CALIBRATION_CACHE FILE} (a cache made for this model) instead of images");
        }
    }

    @Override
    public float[] toTensor(Path image, int channels, int height, int width) throws IOException {
        checkFeeds("input", channels);
        return new Preprocessor(width, height, letterbox).toTensor(ImageLoader.load(image));
    }
}
