package dev.trtpipe.samples.compare;

import dev.trtpipe.trt.Precision;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code trtpipe compare} runs.
 *
 * @param image             the input image (darknet detection models); a synthetic tensor when empty
 * @param optimizationLevel TensorRT builder optimization level for both builds (TensorRT's default when empty)
 */
public record CompareSettings(CompareSubject subject, Optional<Path> image, Path outDir, Precision precision,
                              Optional<Integer> optimizationLevel) {

    public CompareSettings {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(outDir, "outDir");
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(optimizationLevel, "optimizationLevel");
        if (precision == Precision.INT8) {
            throw new IllegalArgumentException("compare builds fp32 or fp16 engines: int8 calibration would make the two"
                    + " engines differ for reasons other than the path");
        }
    }
}
