package dev.trtpipe.detect.tao;

/**
 * One class's detection settings, an nvinfer {@code [class-attrs-all]} or {@code [class-attrs-N]} group.
 * Defaults are gst-nvinfer's ({@code gstnvinfer_property_parser.h}: pre-cluster 0.2, post-cluster 0,
 * eps 0, group-threshold 0, minBoxes 0, dbscan-min-score 0, nms-iou-threshold 0.3, topk -1). A
 * detected-* bound of 0 means no bound.
 */
public record ClassAttributes(float preClusterThreshold, float postClusterThreshold, float eps, int groupThreshold,
                              int minBoxes, float minScore, float nmsIouThreshold, int topK,
                              int detectedMinWidth, int detectedMinHeight, int detectedMaxWidth, int detectedMaxHeight) {

    public static final ClassAttributes DEFAULTS = new ClassAttributes(0.2f, 0f, 0f, 0, 0, 0f, 0.3f, -1, 0, 0, 0, 0);

    /** The keys of a class-attrs group this record holds, in nvinfer's spelling. */
    static final java.util.List<String> KEYS = java.util.List.of("pre-cluster-threshold", "post-cluster-threshold", "eps",
            "group-threshold", "minBoxes", "dbscan-min-score", "nms-iou-threshold", "topk",
            "detected-min-w", "detected-min-h", "detected-max-w", "detected-max-h");

    /**
     * This with one key set; {@code threshold} is nvinfer's old name of pre-cluster-threshold. Keys of
     * other class-attrs settings (roi offsets, colours) are accepted and ignored by the caller.
     *
     * @throws IllegalArgumentException the value is not a number in the key's range
     */
    ClassAttributes with(String key, String value) {
        return switch (key) {
            case "pre-cluster-threshold", "threshold" -> new ClassAttributes(unit(key, value), postClusterThreshold, eps,
                    groupThreshold, minBoxes, minScore, nmsIouThreshold, topK, detectedMinWidth, detectedMinHeight,
                    detectedMaxWidth, detectedMaxHeight);
            case "post-cluster-threshold" -> new ClassAttributes(preClusterThreshold, unit(key, value), eps, groupThreshold,
                    minBoxes, minScore, nmsIouThreshold, topK, detectedMinWidth, detectedMinHeight, detectedMaxWidth,
                    detectedMaxHeight);
            case "eps" -> new ClassAttributes(preClusterThreshold, postClusterThreshold, nonNegative(key, value),
                    groupThreshold, minBoxes, minScore, nmsIouThreshold, topK, detectedMinWidth, detectedMinHeight,
                    detectedMaxWidth, detectedMaxHeight);
            case "group-threshold" -> new ClassAttributes(preClusterThreshold, postClusterThreshold, eps, count(key, value),
                    minBoxes, minScore, nmsIouThreshold, topK, detectedMinWidth, detectedMinHeight, detectedMaxWidth,
                    detectedMaxHeight);
            case "minBoxes" -> new ClassAttributes(preClusterThreshold, postClusterThreshold, eps, groupThreshold,
                    count(key, value), minScore, nmsIouThreshold, topK, detectedMinWidth, detectedMinHeight,
                    detectedMaxWidth, detectedMaxHeight);
            case "dbscan-min-score" -> new ClassAttributes(preClusterThreshold, postClusterThreshold, eps, groupThreshold,
                    minBoxes, nonNegative(key, value), nmsIouThreshold, topK, detectedMinWidth, detectedMinHeight,
                    detectedMaxWidth, detectedMaxHeight);
            case "nms-iou-threshold" -> new ClassAttributes(preClusterThreshold, postClusterThreshold, eps, groupThreshold,
                    minBoxes, minScore, unit(key, value), topK, detectedMinWidth, detectedMinHeight, detectedMaxWidth,
                    detectedMaxHeight);
            case "topk" -> new ClassAttributes(preClusterThreshold, postClusterThreshold, eps, groupThreshold, minBoxes,
                    minScore, nmsIouThreshold, integer(key, value), detectedMinWidth, detectedMinHeight, detectedMaxWidth,
                    detectedMaxHeight);
            case "detected-min-w" -> new ClassAttributes(preClusterThreshold, postClusterThreshold, eps, groupThreshold,
                    minBoxes, minScore, nmsIouThreshold, topK, count(key, value), detectedMinHeight, detectedMaxWidth,
                    detectedMaxHeight);
            case "detected-min-h" -> new ClassAttributes(preClusterThreshold, postClusterThreshold, eps, groupThreshold,
                    minBoxes, minScore, nmsIouThreshold, topK, detectedMinWidth, count(key, value), detectedMaxWidth,
                    detectedMaxHeight);
            case "detected-max-w" -> new ClassAttributes(preClusterThreshold, postClusterThreshold, eps, groupThreshold,
                    minBoxes, minScore, nmsIouThreshold, topK, detectedMinWidth, detectedMinHeight, count(key, value),
                    detectedMaxHeight);
            case "detected-max-h" -> new ClassAttributes(preClusterThreshold, postClusterThreshold, eps, groupThreshold,
                    minBoxes, minScore, nmsIouThreshold, topK, detectedMinWidth, detectedMinHeight, detectedMaxWidth,
                    count(key, value));
            default -> this;
        };
    }

    /** Every key with its value, for metadata (the inverse of {@link #with}). */
    java.util.Map<String, String> toKeys() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        Object[] values = {preClusterThreshold, postClusterThreshold, eps, groupThreshold, minBoxes, minScore,
                nmsIouThreshold, topK, detectedMinWidth, detectedMinHeight, detectedMaxWidth, detectedMaxHeight};
        for (int i = 0; i < KEYS.size(); i++) {
            m.put(KEYS.get(i), String.valueOf(values[i]));
        }
        return m;
    }

    /** Whether a box of this size (frame pixels) passes the detected-min/max bounds. */
    boolean sizeAllowed(double width, double height) {
        return width >= detectedMinWidth && height >= detectedMinHeight
                && (detectedMaxWidth == 0 || width <= detectedMaxWidth)
                && (detectedMaxHeight == 0 || height <= detectedMaxHeight);
    }

    private static float unit(String key, String value) {
        float f = NvinferValues.number(key, value);
        if (f < 0 || f > 1) {
            throw new IllegalArgumentException(key + " must be in [0, 1], got " + value);
        }
        return f;
    }

    private static float nonNegative(String key, String value) {
        float f = NvinferValues.number(key, value);
        if (f < 0) {
            throw new IllegalArgumentException(key + " must be ≥ 0, got " + value);
        }
        return f;
    }

    private static int count(String key, String value) {
        int n = NvinferValues.integer(key, value);
        if (n < 0) {
            throw new IllegalArgumentException(key + " must be ≥ 0, got " + value);
        }
        return n;
    }

    private static int integer(String key, String value) {
        return NvinferValues.integer(key, value);
    }
}
