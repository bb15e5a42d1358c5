package dev.trtpipe.samples.yolov3;

import dev.trtpipe.detect.ClassNames;
import dev.trtpipe.detect.DetectionResult;
import dev.trtpipe.samples.darknet.FileIdentity;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the sample did.
 *
 * @param weights         the weights that ran (the generated file for random weights)
 * @param randomWeights   whether they were generated
 * @param engine          the engine built, if TensorRT is usable here
 * @param backend         the backend that ran inference ({@code tensorrt} or {@code onnxruntime-cpu})
 * @param tensorRtMissing why no engine was built, when it was not
 * @param reports         the JSON report and the annotated PNG
 */
public record Yolov3SampleResult(FileIdentity cfg, FileIdentity weights, boolean randomWeights, Path onnx,
                                 Optional<Path> engine, String backend, Optional<String> tensorRtMissing,
                                 DetectionResult detections, ClassNames names, List<Path> reports) {

    public Yolov3SampleResult {
        reports = List.copyOf(reports);
    }
}
