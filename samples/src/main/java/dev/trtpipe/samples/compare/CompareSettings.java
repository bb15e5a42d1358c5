package dev.trtpipe.samples.compare;

import dev.trtpipe.trt.Precision;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code trtpipe compare} runs.
 *
 * @param image             the input image (darknet detection models, TAO detectors with an nvinfer spec); a synthetic
 *                          tensor when empty
 * @param nvinfer           a TAO detector's nvinfer config, for the image's preprocessing (else the spec the model carries)
 * @param optimizationLevel TensorRT builder optimization level for both builds (TensorRT's default when empty)
 */
public record CompareSettings(CompareSubject subject, Optional<Path> image, Optional<NvinferInput> nvinfer, Path outDir,
                              Precision precision, Optional<Integer> optimizationLevel) {

    /** Darknet models and models that carry their spec: no nvinfer config. */
    public CompareSettings(CompareSubject subject, Optional<Path> image, Path outDir, Precision precision,
                           Optional<Integer> optimizationLevel) {
        this(subject, image, Optional.empty(), outDir, precision, optimizationLevel);
    }

    public CompareSettings {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(nvinfer, "nvinfer");
        Objects.requireNonNull(outDir, "outDir");
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(optimizationLevel, "optimizationLevel");
        if (precision == Precision.INT8) {
            throw new IllegalArgumentException("compare builds fp32 or fp16 engines: int8 calibration would make the two"
                    + " engines differ for reasons other than the path");
        }
    }
}
