package dev.trtpipe.samples.compare;

import java.util.List;

/**
 * Everything {@code trtpipe compare} found, as written to {@code compare.md} and {@code compare.json}.
 *
 * @param subject          the model compared
 * @param input            how the input both paths ran on was made
 * @param backend          {@code tensorrt}, or {@code onnxruntime-cpu (no engines: …)}
 * @param steps            the raw path's stages, then the TAO path's
 * @param maxAbsDifference the largest difference over all outputs
 */
public record ComparisonReport(String subject, String input, String backend, List<Step> steps, List<PathIo> io,
                               OnnxIdentity onnx, List<OutputDifference> outputs, double maxAbsDifference, List<String> notes) {

    public ComparisonReport {
        steps = List.copyOf(steps);
        io = List.copyOf(io);
        outputs = List.copyOf(outputs);
        notes = List.copyOf(notes);
    }
}
