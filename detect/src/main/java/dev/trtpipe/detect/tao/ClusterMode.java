package dev.trtpipe.detect.tao;

/**
 * nvinfer's {@code cluster-mode}: how the candidates of one class are merged (nvdsinfer's
 * {@code NvDsInferClusterMode}). nvinfer's default is 0.
 */
public enum ClusterMode {
    /** OpenCV {@code groupRectangles} (group-threshold, eps); with group-threshold 0 nothing is grouped. */
    GROUP_RECTANGLES,
    /** DBSCAN (eps, minBoxes, dbscan-min-score). */
    DBSCAN,
    /** Non-maximum suppression (nms-iou-threshold, topk). */
    NMS,
    /** DBSCAN to drop isolated boxes, then NMS. */
    HYBRID,
    /** No clustering. */
    NONE;

    /**
     * @throws IllegalArgumentException not 0–4
     */
    public static ClusterMode ofNvinferValue(int value) {
        if (value < 0 || value >= values().length) {
            throw new IllegalArgumentException("cluster-mode must be 0 (groupRectangles), 1 (DBSCAN), 2 (NMS), 3 (hybrid)"
                    + " or 4 (none), got " + value);
        }
        return values()[value];
    }

    public int nvinferValue() {
        return ordinal();
    }
}
