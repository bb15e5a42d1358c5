package dev.trtpipe.trt.check;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link ModelCheck} compares and how.
 *
 * @param onnx        the reference model, run by ONNX Runtime on the CPU
 * @param candidate   its TensorRT engine (a plan), or another {@code .onnx} file to run with ONNX Runtime as well
 * @param shapes      input shapes fixed by the user ({@code --shapes})
 * @param inputFiles  inputs given as .npy files, by input name; the others are random
 * @param ranges      value ranges for random inputs by input name; the key {@code ""} applies to every input
 * @param saveOutputs where both sides' outputs go as .npy files
 */
public record CheckSettings(Path onnx, Path candidate, Map<String, long[]> shapes, long seed, Map<String, Path> inputFiles,
                            Map<String, ValueRange> ranges, Tolerances tolerances, Optional<Path> saveOutputs) {

    public CheckSettings {
        shapes = Map.copyOf(shapes);
        inputFiles = Map.copyOf(inputFiles);
        ranges = Map.copyOf(ranges);
    }

    /** Whether the candidate runs on ONNX Runtime too (no GPU needed). */
    public boolean candidateIsOnnx() {
        return candidate.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".onnx");
    }

    ValueRange rangeFor(String input, ElementType type) {
        return ranges.getOrDefault(input, ranges.getOrDefault("", ValueRange.defaultFor(type)));
    }
}
