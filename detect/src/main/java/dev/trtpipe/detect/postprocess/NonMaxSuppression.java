package dev.trtpipe.detect.postprocess;

import dev.trtpipe.darknet.NmsKind;
import java.util.Objects;

/**
 * darknet's per-class greedy NMS ({@code do_nms_sort}, AB {@code diounms_sort}; darknet.md §8.3): for
 * each class, candidates by falling probability; each one still standing zeroes that class on every
 * later candidate it overlaps by more than the threshold. Plain IoU for {@code default}, DIoU with
 * exponent 0.6 for {@code greedynms}, DIoU with {@code beta_nms} for {@code diounms}; float arithmetic in
 * darknet's order.
 *
 * <p>Equal probabilities keep decoding order. darknet's order for exact ties depends on the C library's
 * {@code qsort} (glibc's changed in 2.37), so no implementation can promise more.
 */
public final class NonMaxSuppression {

    private final NmsKind kind;
    private final float threshold;
    private final double exponent;

    /**
     * @param betaNms the DIoU exponent for {@link NmsKind#DIOUNMS} (cfg {@code beta_nms}, default 0.6)
     */
    public NonMaxSuppression(NmsKind kind, float threshold, float betaNms) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.threshold = threshold;
        this.exponent = kind == NmsKind.GREEDYNMS ? 0.6 : betaNms;
    }

    /** Zeroes suppressed probabilities in place. */
    public void apply(Candidates c) {
        int n = c.size();
        int classes = c.classes();
        float[] probs = c.probabilityArray();
        float[] obj = c.objectnessArray();
        long[] order = new long[n];
        for (int k = 0; k < classes; k++) {
            int m = 0;
            for (int i = 0; i < n; i++) {
                float p = probs[i * classes + k];
                if (p > 0 && obj[i] != 0) { // darknet first drops candidates with objectness 0
                    // positive floats order like their bits; ~i keeps equal probabilities in index order
                    order[m++] = ((long) Float.floatToRawIntBits(p) << 32) | (~i & 0xFFFFFFFFL);
                }
            }
            java.util.Arrays.sort(order, 0, m);
            for (int a = m - 1; a >= 0; a--) {
                int i = ~(int) order[a];
                if (probs[i * classes + k] == 0) {
                    continue;
                }
                for (int b = a - 1; b >= 0; b--) {
                    int j = ~(int) order[b];
                    if (probs[j * classes + k] != 0 && suppresses(c, i, j)) {
                        probs[j * classes + k] = 0;
                    }
                }
            }
        }
    }

    private boolean suppresses(Candidates c, int i, int j) {
        float iou = iou(c, i, j);
        return switch (kind) {
            case DEFAULT -> iou > threshold;
            case GREEDYNMS, DIOUNMS -> diou(c, i, j, iou) > threshold;
        };
    }

    /** AB {@code box_iou}: 0 when the intersection or the union is 0 (PJ gets NaN there, which compares the same). */
    static float iou(Candidates c, int a, int b) {
        float[] x = c.xs();
        float[] y = c.ys();
        float[] w = c.ws();
        float[] h = c.hs();
        float iw = overlap(x[a], w[a], x[b], w[b]);
        float ih = overlap(y[a], h[a], y[b], h[b]);
        float intersection = iw < 0 || ih < 0 ? 0 : iw * ih;
        float union = w[a] * h[a] + w[b] * h[b] - intersection;
        return intersection == 0 || union == 0 ? 0 : intersection / union;
    }

    private static float overlap(float x1, float w1, float x2, float w2) {
        float left = Math.max(x1 - w1 / 2, x2 - w2 / 2);
        float right = Math.min(x1 + w1 / 2, x2 + w2 / 2);
        return right - left;
    }

    /** AB {@code box_diou}/{@code box_diounms}: IoU minus (centre distance² / enclosing diagonal²)^exponent. */
    private float diou(Candidates c, int a, int b, float iou) {
        float[] x = c.xs();
        float[] y = c.ys();
        float[] w = c.ws();
        float[] h = c.hs();
        float top = Math.min(y[a] - h[a] / 2, y[b] - h[b] / 2);
        float bottom = Math.max(y[a] + h[a] / 2, y[b] + h[b] / 2);
        float left = Math.min(x[a] - w[a] / 2, x[b] - w[b] / 2);
        float right = Math.max(x[a] + w[a] / 2, x[b] + w[b] / 2);
        float cw = right - left;
        float ch = bottom - top;
        float diagonal = cw * cw + ch * ch;
        if (diagonal == 0) {
            return iou;
        }
        float dx = x[a] - x[b];
        float dy = y[a] - y[b];
        float distance = dx * dx + dy * dy;
        float penalty = (float) Math.pow(distance / diagonal, exponent);
        return iou - penalty;
    }
}
