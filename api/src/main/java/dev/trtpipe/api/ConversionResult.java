package dev.trtpipe.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@link DarknetConversion#toOnnx} wrote.
 *
 * @param onnx          the ONNX file
 * @param bytes         its size
 * @param sha256        its SHA-256, lower-case hex (the same bytes give the same digest on every run)
 * @param weightsSha256 the SHA-256 of the weights file, also stored in the model's metadata
 * @param inputs        the graph inputs
 * @param outputs       the graph outputs, in order
 * @param warnings      what the parser or the weights check noticed (unused cfg options, zero-filled layers)
 */
public record ConversionResult(Path onnx, long bytes, String sha256, String weightsSha256, List<TensorDescription> inputs,
                               List<TensorDescription> outputs, List<String> warnings) {

    public ConversionResult {
        Objects.requireNonNull(onnx, "onnx");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(weightsSha256, "weightsSha256");
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        warnings = List.copyOf(warnings);
    }
}
