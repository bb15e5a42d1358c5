package dev.trtpipe.onnx;

/**
 * How {@link DarknetOnnxConverter} writes the graph.
 *
 * @param opset         ONNX opset, 11..18 (13 by default); mish is a single {@code Mish} node only from 18
 * @param dynamicBatch  symbolic batch dimension {@code N} instead of 1
 * @param exposeLayers  every layer's output also becomes a graph output {@code NNN_type} (debugging)
 * @param foldBatchNorm fold batch norm into the convolution (computed in double, rounded once)
 */
public record ConversionOptions(int opset, boolean dynamicBatch, boolean exposeLayers, boolean foldBatchNorm) {

    public static final int MIN_OPSET = 11;
    public static final int MAX_OPSET = 18;
    public static final int DEFAULT_OPSET = 13;

    public ConversionOptions {
        if (opset < MIN_OPSET || opset > MAX_OPSET) {
            throw new IllegalArgumentException("opset " + opset + " is not supported; use " + MIN_OPSET + ".." + MAX_OPSET);
        }
    }

    public static ConversionOptions defaults() {
        return new ConversionOptions(DEFAULT_OPSET, false, false, false);
    }

    public ConversionOptions withOpset(int value) {
        return new ConversionOptions(value, dynamicBatch, exposeLayers, foldBatchNorm);
    }

    public ConversionOptions withDynamicBatch(boolean value) {
        return new ConversionOptions(opset, value, exposeLayers, foldBatchNorm);
    }

    public ConversionOptions withExposedLayers(boolean value) {
        return new ConversionOptions(opset, dynamicBatch, value, foldBatchNorm);
    }

    public ConversionOptions withFoldedBatchNorm(boolean value) {
        return new ConversionOptions(opset, dynamicBatch, exposeLayers, value);
    }
}
