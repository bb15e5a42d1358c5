package dev.trtpipe.onnx;

import dev.trtpipe.darknet.LayerWeights;
import dev.trtpipe.darknet.WeightKind;

/**
 * Batch norm folded into the preceding convolution, as AB darknet's {@code fuse_conv_batchnorm}:
 * {@code W' = W·γ/√(σ²+ε)}, {@code b' = β − μ·γ/√(σ²+ε)}, computed in double and rounded to float once.
 */
record BatchNormFolding(float[] weights, float[] bias) {

    /** AB darknet's batch-norm epsilon, inside the square root (darknet.md §6.2). */
    static final float EPSILON = 1e-5f;

    static BatchNormFolding fold(LayerWeights w) {
        float[] kernel = w.get(WeightKind.WEIGHTS).toArray();
        float[] beta = w.get(WeightKind.BIASES).toArray();
        float[] gamma = w.get(WeightKind.SCALES).toArray();
        float[] mean = w.get(WeightKind.ROLLING_MEAN).toArray();
        float[] variance = w.get(WeightKind.ROLLING_VARIANCE).toArray();
        int filters = beta.length;
        int perFilter = kernel.length / filters;
        float[] foldedKernel = new float[kernel.length];
        float[] foldedBias = new float[filters];
        for (int f = 0; f < filters; f++) {
            double factor = gamma[f] / Math.sqrt((double) variance[f] + (double) EPSILON);
            foldedBias[f] = (float) (beta[f] - mean[f] * factor);
            for (int i = f * perFilter; i < (f + 1) * perFilter; i++) {
                foldedKernel[i] = (float) (kernel[i] * factor);
            }
        }
        return new BatchNormFolding(foldedKernel, foldedBias);
    }
}
