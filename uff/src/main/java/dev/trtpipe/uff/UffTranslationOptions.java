package dev.trtpipe.uff;

import java.util.List;

/**
 * How to translate, beyond the graph itself: tao-converter's {@code -o} (which tensors become outputs,
 * instead of the MarkOutput ones) and {@code -i} (the layout the caller feeds the input in).
 *
 * @param outputs     tensors to expose as graph outputs; empty = the graph's MarkOutput tensors
 * @param inputLayout NCHW (as UFF declares inputs), NHWC (a Transpose is put after the input) or NC
 * @param plainNms    NMS_TRT / BatchedNMS_TRT and their anchor inputs as standard ONNX ops instead of plugins
 *                    (runs on ONNX Runtime; see {@link DetectionPlugins})
 */
public record UffTranslationOptions(List<String> outputs, InputLayout inputLayout, boolean plainNms) {

    public enum InputLayout { NCHW, NHWC, NC }

    public UffTranslationOptions {
        outputs = List.copyOf(outputs);
    }

    public UffTranslationOptions(List<String> outputs, InputLayout inputLayout) {
        this(outputs, inputLayout, false);
    }

    public UffTranslationOptions withPlainNms(boolean plain) {
        return new UffTranslationOptions(outputs, inputLayout, plain);
    }

    public static UffTranslationOptions defaults() {
        return new UffTranslationOptions(List.of(), InputLayout.NCHW);
    }

    public UffTranslationOptions withOutputs(List<String> names) {
        return new UffTranslationOptions(names, inputLayout, plainNms);
    }

    public UffTranslationOptions withInputLayout(InputLayout layout) {
        return new UffTranslationOptions(outputs, layout, plainNms);
    }
}
