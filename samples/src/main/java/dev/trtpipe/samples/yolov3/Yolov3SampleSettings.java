package dev.trtpipe.samples.yolov3;

import dev.trtpipe.trt.Precision;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code trtpipe sample yolov3} runs.
 *
 * @param weights           the darknet weights; empty: generate random weights of the right size
 * @param optimizationLevel TensorRT builder optimization level (TensorRT's default when empty)
 * @param names             class names; empty: COCO for 80-class models, numbers otherwise
 */
public record Yolov3SampleSettings(Path cfg, Optional<Path> weights, Path image, Path outDir, Precision precision,
                                   Optional<Integer> optimizationLevel, Optional<Path> names) {

    public Yolov3SampleSettings {
        Objects.requireNonNull(cfg, "cfg");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(outDir, "outDir");
        Objects.requireNonNull(optimizationLevel, "optimizationLevel");
        Objects.requireNonNull(names, "names");
        if (precision == Precision.INT8) {
            throw new IllegalArgumentException("the YOLOv3 sample builds fp32 or fp16 engines (TensorRT's sample: fp32 only);"
                    + " for int8 use trtpipe onnx2trt -t int8 with calibration images");
        }
    }

    public boolean randomWeights() {
        return weights.isEmpty();
    }
}
