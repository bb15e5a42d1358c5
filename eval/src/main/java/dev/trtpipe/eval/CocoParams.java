package dev.trtpipe.eval;

/**
 * pycocotools' default {@code Params} for {@code iouType='bbox'}, with the thresholds computed the way
 * {@code numpy.linspace} computes them ({@code start + i·step}, the last one set to {@code stop}): the
 * recall thresholds are compared with {@code searchsorted}, so 0.29 must be {@code 29·0.01}, not the
 * nearest double to 0.29, for the numbers to be pycocotools' to the last bit.
 */
public final class CocoParams {

    /** {@code np.linspace(.5, 0.95, 10)}. */
    public static final double[] IOU_THRESHOLDS = linspace(0.5, 0.95, 10);
    /** {@code np.linspace(.0, 1.00, 101)}. */
    public static final double[] RECALL_THRESHOLDS = linspace(0.0, 1.0, 101);
    /** {@code areaRng}: all, small, medium, large, bounds inclusive on both sides. */
    public static final double[][] AREA_RANGES = {{0, 1e10}, {0, 32 * 32}, {32 * 32, 96 * 96}, {96 * 96, 1e10}};
    public static final String[] AREA_LABELS = {"all", "small", "medium", "large"};
    public static final int[] MAX_DETS = {1, 10, 100};

    /** The names of {@code COCOeval.stats}, in order. */
    public static final String[] STAT_NAMES = {"AP", "AP50", "AP75", "APs", "APm", "APl", "AR1", "AR10", "AR100", "ARs", "ARm", "ARl"};

    private CocoParams() {
    }

    /** numpy's {@code linspace(start, stop, num)} with {@code endpoint=True}, bit for bit. */
    static double[] linspace(double start, double stop, int num) {
        double step = (stop - start) / (num - 1);
        double[] values = new double[num];
        for (int i = 0; i < num; i++) {
            values[i] = i * step + start;
        }
        values[num - 1] = stop;
        return values;
    }

    /** The index of {@code threshold} in {@link #IOU_THRESHOLDS} by exact equality (as {@code np.where}), or -1. */
    static int iouIndex(double threshold) {
        for (int i = 0; i < IOU_THRESHOLDS.length; i++) {
            if (IOU_THRESHOLDS[i] == threshold) {
                return i;
            }
        }
        return -1;
    }
}
