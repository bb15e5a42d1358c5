package dev.trtpipe.uff;

import java.util.List;

/**
 * How to translate, beyond the graph itself: tao-converter's {@code -o} (which tensors become outputs,
 * instead of the MarkOutput ones) and {@code -i} (the layout the caller feeds the input in).
 *
 * @param outputs     tensors to expose as graph outputs; empty = the graph's MarkOutput tensors
 * @param inputLayout NCHW (as UFF declares inputs), NHWC (a Transpose is put after the input) or NC
 */
public record UffTranslationOptions(List<String> outputs, InputLayout inputLayout) {

    public enum InputLayout { NCHW, NHWC, NC }

    public UffTranslationOptions {
        outputs = List.copyOf(outputs);
    }

    public static UffTranslationOptions defaults() {
        return new UffTranslationOptions(List.of(), InputLayout.NCHW);
    }

    public UffTranslationOptions withOutputs(List<String> names) {
        return new UffTranslationOptions(names, inputLayout);
    }

    public UffTranslationOptions withInputLayout(InputLayout layout) {
        return new UffTranslationOptions(outputs, layout);
    }
}
