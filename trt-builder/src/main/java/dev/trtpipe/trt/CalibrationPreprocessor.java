package dev.trtpipe.trt;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Turns one calibration image into the network's input tensor (C·H·W floats, CHW order). INT8
 * calibration must see images prepared exactly as at inference time, so callers plug in the same
 * preprocessing their detector uses (darknet resize or letterbox).
 */
@FunctionalInterface
public interface CalibrationPreprocessor {

    float[] toTensor(Path image, int channels, int height, int width) throws IOException;
}
