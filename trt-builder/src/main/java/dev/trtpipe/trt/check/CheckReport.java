package dev.trtpipe.trt.check;

import java.util.List;

/**
 * The outcome of a check.
 *
 * @param inputs   each input as fed: name, type and shape, and where its values came from
 * @param outputs  one comparison per output of the reference model
 * @param warnings notes from loading the candidate, for stderr
 */
public record CheckReport(String reference, String candidate, List<InputRow> inputs, List<OutputComparison> outputs,
                          Tolerances tolerances, List<String> warnings) {

    /** @param source {@code random [0, 1) seed 1} or the .npy file */
    public record InputRow(String name, TensorData tensor, String source) {
    }

    public CheckReport {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        warnings = List.copyOf(warnings);
    }

    public boolean passed() {
        return !outputs.isEmpty() && outputs.stream().allMatch(OutputComparison::passed);
    }
}
