package dev.trtpipe.detect.postprocess;

import dev.trtpipe.detect.preprocess.ImagePlacement;
import java.util.List;

/**
 * Detections of a model that ran NMS in its graph ({@code darknet.head_mode=nms}): TensorRT
 * {@code EfficientNMS_TRT}'s layout — a count, then per row corners {@code (x1, y1, x2, y2)} in
 * network-input pixels, a score and a class. The rows are already suppressed; what stays in Java is what
 * depends on the image: the letterbox correction and darknet's pixel boxes (truncated, clamped). The
 * model outputs no objectness, so {@link Detection#objectness()} is NaN.
 */
public final class NmsResults {

    private final int netWidth;
    private final int netHeight;
    private final int classes;
    private final float threshold;

    /**
     * @param threshold report rows with a score above it; at least the model's own score threshold to
     *                  reproduce its selection (a higher one filters exactly as a higher in-graph threshold would)
     */
    public NmsResults(int netWidth, int netHeight, int classes, float threshold) {
        this.netWidth = netWidth;
        this.netHeight = netHeight;
        this.classes = classes;
        this.threshold = threshold;
    }

    /**
     * Detections of batch item {@code item}; integer outputs arrive as floats (exact below 2²⁴).
     *
     * @param numDets {@code [N, 1]}
     * @param boxes   {@code [N, M, 4]}
     * @param scores  {@code [N, M]}
     * @param classIds {@code [N, M]}
     * @return detections sorted by falling probability
     * @throws IllegalArgumentException the tensors are inconsistent (count above M, class out of range)
     */
    public List<Detection> read(float[] numDets, float[] boxes, float[] scores, float[] classIds, int item,
                                ImagePlacement placement) {
        int rows = scores.length / Math.max(1, numDets.length);
        int count = (int) numDets[item];
        if (count < 0 || count > rows || boxes.length != 4 * scores.length || classIds.length != scores.length) {
            throw new IllegalArgumentException("in-graph NMS outputs disagree: num_dets " + count + " for " + rows
                    + " rows, " + boxes.length + " box values, " + scores.length + " scores, " + classIds.length + " classes");
        }
        Candidates candidates = new Candidates(classes, count);
        for (int r = item * rows; r < item * rows + count; r++) {
            int classId = (int) classIds[r];
            if (classId < 0 || classId >= classes) {
                throw new IllegalArgumentException("in-graph NMS row " + (r - item * rows) + " has class " + classId
                        + " but the model has " + classes + " classes");
            }
            float x1 = boxes[4 * r];
            float y1 = boxes[4 * r + 1];
            float x2 = boxes[4 * r + 2];
            float y2 = boxes[4 * r + 3];
            int i = candidates.add((x1 + x2) / 2 / netWidth, (y1 + y2) / 2 / netHeight,
                    (x2 - x1) / netWidth, (y2 - y1) / netHeight, Float.NaN);
            candidates.setProbability(i, classId, scores[r]);
        }
        BoxCorrection.toImage(candidates, placement);
        return Postprocessor.report(candidates, threshold, placement);
    }
}
