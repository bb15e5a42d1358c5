package dev.trtpipe.samples.compare;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One inference run: every output by name (flattened), and the inputs and outputs as the runtime
 * that ran it sees them.
 */
record Execution(Map<String, float[]> outputs, List<TensorDesc> inputs, List<TensorDesc> outputTensors) {

    Execution {
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        inputs = List.copyOf(inputs);
        outputTensors = List.copyOf(outputTensors);
    }
}
