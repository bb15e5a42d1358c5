package dev.trtpipe.etlt;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a decrypted model declares: enough to inspect it and to check build flags against it, read
 * from the ONNX or UFF protobuf without TensorRT.
 *
 * @param format      e.g. {@code ONNX IR 5, opset 10, producer keras2onnx 1.8.1}
 * @param opCounts    operation → node count, most frequent first
 * @param plugins     operations that need a TensorRT plugin
 * @param tensorNames every tensor the graph produces or consumes (to match calibration caches)
 */
public record ModelSummary(PayloadKind kind, String format, List<TensorSummary> inputs, List<TensorSummary> outputs,
                           Map<String, Integer> opCounts, List<String> plugins, Set<String> tensorNames) {

    public ModelSummary {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        opCounts = Collections.unmodifiableMap(new LinkedHashMap<>(opCounts));
        plugins = List.copyOf(plugins);
        tensorNames = Set.copyOf(tensorNames);
    }

    public int nodeCount() {
        return opCounts.values().stream().mapToInt(Integer::intValue).sum();
    }

    public Optional<TensorSummary> input(String name) {
        return inputs.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public Optional<TensorSummary> output(String name) {
        return outputs.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
