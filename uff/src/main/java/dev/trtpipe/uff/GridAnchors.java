package dev.trtpipe.uff;

/**
 * The prior boxes of TensorRT's GridAnchor_TRT / GridAnchorRect_TRT plugins, computed on the CPU from the
 * plugin fields exactly as gridAnchorPlugin.cpp and gridAnchorLayer.cu define them, so that a translation
 * can replace the plugin by a constant (the plain-ONNX NMS option) and tests can check the plugin's output.
 *
 * <p>Per layer the output is {@code [2, H*W*numPriors*4]}: first the boxes (xmin, ymin, xmax, ymax,
 * normalised to [0, 1] around cell centres {@code ((w + 0.5)/W, (h + 0.5)/H)}), then the four variances
 * repeated. Layer 0 uses only the first three aspect ratios with scales {0.1, s0, s0}; every later layer
 * {@code l} uses all aspect ratios at scale {@code s_l = minSize + (maxSize - minSize) * l / (numLayers - 1)}
 * plus one extra box of aspect ratio 1 at {@code sqrt(s_l * s_{l+1})} ({@code s_numLayers = 1}).
 */
public final class GridAnchors {

    private GridAnchors() {
    }

    /**
     * @param featureMapShapes one size per layer (GridAnchor_TRT, square maps) or H, W per layer (GridAnchorRect_TRT)
     * @return per layer the plugin's output, flattened ({@code 2 * H * W * numPriors * 4} floats)
     */
    public static float[][] generate(float minSize, float maxSize, float[] aspectRatios, long[] featureMapShapes,
            float[] variance, int numLayers, boolean rect) {
        if (featureMapShapes.length != (rect ? 2 * numLayers : numLayers)) {
            throw new IllegalArgumentException("featureMapShapes has " + featureMapShapes.length + " values for " + numLayers
                    + " layers" + (rect ? " (H, W per layer)" : ""));
        }
        if (variance.length != 4 || aspectRatios.length < 3) {
            throw new IllegalArgumentException("GridAnchor needs 4 variances and at least 3 aspect ratios");
        }
        float[][] layers = new float[numLayers][];
        for (int id = 0; id < numLayers; id++) {
            int h = (int) featureMapShapes[rect ? 2 * id : id];
            int w = (int) featureMapShapes[rect ? 2 * id + 1 : id];
            float[][] sizes = boxSizes(id, minSize, maxSize, aspectRatios, numLayers);
            layers[id] = layer(h, w, sizes[0], sizes[1], variance);
        }
        return layers;
    }

    /** Widths and heights of the layer's priors (gridAnchorPlugin.cpp's constructor, float arithmetic as there). */
    static float[][] boxSizes(int id, float minSize, float maxSize, float[] aspectRatios, int numLayers) {
        float scale = minSize + (maxSize - minSize) * id / (numLayers - 1);
        float[] ratios;
        float[] scales;
        if (id == 0) {
            ratios = new float[] {aspectRatios[0], aspectRatios[1], aspectRatios[2]};
            scales = new float[] {0.1f, scale, scale};
        } else {
            int n = aspectRatios.length;
            ratios = java.util.Arrays.copyOf(aspectRatios, n + 1);
            ratios[n] = 1.0f;
            scales = new float[n + 1];
            java.util.Arrays.fill(scales, scale);
            double next = id == numLayers - 1 ? 1.0 : minSize + (maxSize - minSize) * (id + 1) / (numLayers - 1);
            scales[n] = (float) Math.sqrt(scale * next);
        }
        float[] widths = new float[ratios.length];
        float[] heights = new float[ratios.length];
        for (int i = 0; i < ratios.length; i++) {
            float sqrtRatio = (float) Math.sqrt(ratios[i]);
            widths[i] = scales[i] * sqrtRatio;
            heights[i] = scales[i] / sqrtRatio;
        }
        return new float[][] {widths, heights};
    }

    private static float[] layer(int h, int w, float[] widths, float[] heights, float[] variance) {
        int priors = widths.length;
        int dim = h * w * priors;
        float[] out = new float[2 * dim * 4];
        float strideH = 1.0f / h;
        float strideW = 1.0f / w;
        for (int tid = 0; tid < dim; tid++) {
            int ar = tid % priors;
            int cell = tid / priors;
            float yC = (cell / w) * strideH + 0.5f * strideH;
            float xC = (cell % w) * strideW + 0.5f * strideW;
            out[tid * 4] = (float) (xC - 0.5 * widths[ar]);
            out[tid * 4 + 1] = (float) (yC - 0.5 * heights[ar]);
            out[tid * 4 + 2] = (float) (xC + 0.5 * widths[ar]);
            out[tid * 4 + 3] = (float) (yC + 0.5 * heights[ar]);
            System.arraycopy(variance, 0, out, dim * 4 + tid * 4, 4);
        }
        return out;
    }

    /** From a GridAnchor_TRT / GridAnchorRect_TRT node's fields (the creator's defaults where a field is absent). */
    static float[][] of(UffNode node) {
        boolean rect = PluginTranslator.pluginName(node).equals("GridAnchorRect_TRT");
        int numLayers = (int) node.field("numLayers").map(d -> d.getI()).orElse(6L).longValue();
        return generate((float) node.field("minSize").map(d -> d.getD()).orElse(0.2).doubleValue(),
                (float) node.field("maxSize").map(d -> d.getD()).orElse(0.95).doubleValue(),
                floats(node, "aspectRatios"), node.field("featureMapShapes").orElseThrow(() -> node.problem("has no featureMapShapes"))
                        .getIList().getValList().stream().mapToLong(Long::longValue).toArray(),
                floats(node, "variance"), numLayers, rect);
    }

    private static float[] floats(UffNode node, String key) {
        var list = node.field(key).orElseThrow(() -> node.problem("has no " + key)).getDList().getValList();
        float[] f = new float[list.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = list.get(i).floatValue();
        }
        return f;
    }
}
