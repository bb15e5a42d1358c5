package dev.trtpipe.eval;

import java.util.Arrays;

/**
 * What {@code COCOeval.accumulate()} and {@code summarize()} produce: the precision array
 * {@code [T][R][K][A][M]} and recall array {@code [T][K][A][M]} (-1 where a category has no ground truth
 * to score), and the 12 numbers of {@code COCOeval.stats}.
 */
public final class CocoResult {

    static final int T = CocoParams.IOU_THRESHOLDS.length;
    static final int R = CocoParams.RECALL_THRESHOLDS.length;
    static final int A = CocoParams.AREA_RANGES.length;
    static final int M = CocoParams.MAX_DETS.length;

    private final int[] categoryIds;
    private final double[] precision;
    private final double[] recall;
    private final double[] stats;

    CocoResult(int[] categoryIds, double[] precision, double[] recall) {
        this.categoryIds = categoryIds.clone();
        this.precision = precision;
        this.recall = recall;
        this.stats = summarize();
    }

    static int precisionIndex(int t, int r, int k, int a, int m, int categories) {
        return (((t * R + r) * categories + k) * A + a) * M + m;
    }

    static int recallIndex(int t, int k, int a, int m, int categories) {
        return ((t * categories + k) * A + a) * M + m;
    }

    /** {@code COCOeval.stats}: AP, AP50, AP75, APs, APm, APl, AR1, AR10, AR100, ARs, ARm, ARl; -1 where absent. */
    public double[] stats() {
        return stats.clone();
    }

    public int[] categoryIds() {
        return categoryIds.clone();
    }

    /**
     * A category's AP (area all, 100 detections) over the IoU thresholds given, as detectron2 reports per-class
     * AP: the mean of its precision entries that are not -1; NaN when the category has no ground truth.
     *
     * @param iouIndex an index into {@link CocoParams#IOU_THRESHOLDS}, or -1 for all ten
     */
    public double categoryAp(int k, int iouIndex) {
        double[] values = new double[T * R];
        int n = 0;
        for (int t = 0; t < T; t++) {
            if (iouIndex >= 0 && t != iouIndex) {
                continue;
            }
            for (int r = 0; r < R; r++) {
                double p = precision[precisionIndex(t, r, k, 0, M - 1, categoryIds.length)];
                if (p > -1) {
                    values[n++] = p;
                }
            }
        }
        return n == 0 ? Double.NaN : NumpyMean.mean(values, n);
    }

    private double[] summarize() {
        double[] s = new double[12];
        s[0] = mean(true, -1, 0, 100);
        s[1] = mean(true, CocoParams.iouIndex(.5), 0, 100);
        s[2] = mean(true, CocoParams.iouIndex(.75), 0, 100);
        s[3] = mean(true, -1, 1, 100);
        s[4] = mean(true, -1, 2, 100);
        s[5] = mean(true, -1, 3, 100);
        s[6] = mean(false, -1, 0, 1);
        s[7] = mean(false, -1, 0, 10);
        s[8] = mean(false, -1, 0, 100);
        s[9] = mean(false, -1, 1, 100);
        s[10] = mean(false, -1, 2, 100);
        s[11] = mean(false, -1, 3, 100);
        return s;
    }

    /** {@code _summarize}: the mean of the selected entries that are not -1 (C order: t, r, k), else -1. */
    private double mean(boolean ap, int iouIndex, int a, int maxDets) {
        int m = Arrays.stream(CocoParams.MAX_DETS).boxed().toList().indexOf(maxDets);
        int k0 = categoryIds.length;
        double[] values = new double[T * R * Math.max(k0, 1)];
        int n = 0;
        for (int t = 0; t < T; t++) {
            if (iouIndex >= 0 && t != iouIndex) {
                continue;
            }
            if (ap) {
                for (int r = 0; r < R; r++) {
                    for (int k = 0; k < k0; k++) {
                        double p = precision[precisionIndex(t, r, k, a, m, k0)];
                        if (p > -1) {
                            values[n++] = p;
                        }
                    }
                }
            } else {
                for (int k = 0; k < k0; k++) {
                    double v = recall[recallIndex(t, k, a, m, k0)];
                    if (v > -1) {
                        values[n++] = v;
                    }
                }
            }
        }
        return n == 0 ? -1 : NumpyMean.mean(values, n);
    }
}
