package dev.trtpipe.samples.compare;

import dev.trtpipe.detect.tao.TaoDetectionSpec;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A TAO detector's DeepStream nvinfer config, for {@code compare --image}: the image goes through nvinfer's
 * preprocessing as {@code detect --nvinfer-config} does it. The models themselves stay as they are, so the two
 * paths' ONNX files can still be compared byte for byte.
 *
 * @param config the file, shown in the commands of the report
 * @param spec   what it says (with any flags applied)
 */
public record NvinferInput(Path config, TaoDetectionSpec spec) {

    public NvinferInput {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(spec, "spec");
    }
}
