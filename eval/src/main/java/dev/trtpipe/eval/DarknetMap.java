package dev.trtpipe.eval;

import java.util.Arrays;
import java.util.List;

/**
 * mAP as AlexeyAB darknet's {@code validate_detector_map} (detector.c, {@code darknet detector map})
 * computes it. Per image, each (box, class) detection is tied to the ground truth of its class with the
 * highest IoU above the threshold (strictly greater, first one on equal IoU), or, failing that, dropped if
 * it overlaps a "difficult" box of its class. Over the whole set, detections are sorted by falling
 * probability; a detection is a true positive when its ground truth was not claimed by a higher one —
 * otherwise a false positive, even if another box would have matched. AP per class is then the area
 * under the precision envelope at each recall change ({@code -points 0}, darknet's default), or the mean of
 * the best precision at recall ≥ r over 11 or 101 points; mAP divides by the model's class count,
 * classes without ground truth included.
 *
 * <p>Boxes are centre/size relative to the image, in float, as darknet has them. darknet sorts with
 * {@code qsort}, which leaves equal probabilities in no defined order; here they keep input order.
 */
public final class DarknetMap {

    /** darknet's {@code thresh} in {@code validate_detector_map}: detections below it are not scored. */
    public static final float DETECTION_THRESHOLD = 0.005f;

    /** A box of class {@code classId}: centre and size relative to the image. */
    public record Box(int classId, float x, float y, float w, float h) {
    }

    /** A detection: one (box, class) pair with its probability. */
    public record Detection(int classId, float probability, float x, float y, float w, float h) {
    }

    /** Per-class AP and their mean over the model's classes. */
    public record Result(double map, double[] classAp, int[] truthsPerClass) {
    }

    private final int classes;
    private final float iouThreshold;
    private final int points;
    private final int[] truthsPerClass;
    private int truths;
    private int count;
    private float[] probability = new float[1024];
    private int[] classOf = new int[1024];
    /** The global index of the ground truth a detection is tied to, or -1. */
    private int[] truthIndex = new int[1024];

    /**
     * @param classes      the model's class count (the mAP's divisor)
     * @param iouThreshold darknet's {@code -iou_thresh} (0.5)
     * @param points       darknet's {@code -points}: 0 (area under the curve, the default), 11 (VOC2007) or 101 (COCO)
     */
    public DarknetMap(int classes, float iouThreshold, int points) {
        if (points != 0 && points < 2) {
            throw new IllegalArgumentException("darknet's -points must be 0 or at least 2, got " + points);
        }
        this.classes = classes;
        this.iouThreshold = iouThreshold;
        this.points = points;
        this.truthsPerClass = new int[classes];
    }

    /** Adds one image, in the order of darknet's valid list; truths of classes beyond the model are not counted. */
    public void addImage(List<Box> truth, List<Box> difficult, List<Detection> detections) {
        for (Box t : truth) {
            truthsPerClass[t.classId]++;
        }
        for (Detection d : detections) {
            if (!(d.probability > 0) || d.classId < 0 || d.classId >= classes) {
                continue;
            }
            int best = -1;
            float bestIou = 0;
            for (int j = 0; j < truth.size(); j++) {
                Box t = truth.get(j);
                float iou = BoxIou.darknet(d.x, d.y, d.w, d.h, t.x, t.y, t.w, t.h);
                if (iou > iouThreshold && d.classId == t.classId && iou > bestIou) {
                    bestIou = iou;
                    best = truths + j;
                }
            }
            if (best < 0 && onDifficult(d, difficult)) {
                continue;
            }
            add(d, best);
        }
        truths += truth.size();
    }

    private boolean onDifficult(Detection d, List<Box> difficult) {
        for (Box t : difficult) {
            if (BoxIou.darknet(d.x, d.y, d.w, d.h, t.x, t.y, t.w, t.h) > iouThreshold && d.classId == t.classId) {
                return true;
            }
        }
        return false;
    }

    private void add(Detection d, int truth) {
        if (count == probability.length) {
            probability = Arrays.copyOf(probability, 2 * count);
            classOf = Arrays.copyOf(classOf, 2 * count);
            truthIndex = Arrays.copyOf(truthIndex, 2 * count);
        }
        probability[count] = d.probability;
        classOf[count] = d.classId;
        truthIndex[count] = truth;
        count++;
    }

    public Result result() {
        double[] scores = new double[count];
        for (int i = 0; i < count; i++) {
            scores[i] = probability[i];
        }
        int[] order = StableSort.byScoreDescending(scores);
        // darknet keeps (precision, recall) per class at every global rank; between a class's own
        // detections the values repeat, which changes neither sum below, so each class keeps only its own
        // points, plus the (0, 0) of the ranks before its first detection when there are any
        int[] perClass = new int[classes];
        for (int i = 0; i < count; i++) {
            perClass[classOf[i]]++;
        }
        double[][] precision = new double[classes][];
        double[][] recall = new double[classes][];
        int[] filled = new int[classes];
        int[] tp = new int[classes];
        int[] fp = new int[classes];
        boolean[] claimed = new boolean[truths];
        for (int rank = 0; rank < count; rank++) {
            int d = order[rank];
            int c = classOf[d];
            if (precision[c] == null) {
                int lead = rank > 0 ? 1 : 0;
                precision[c] = new double[perClass[c] + lead];
                recall[c] = new double[perClass[c] + lead];
                filled[c] = lead;
            }
            if (truthIndex[d] >= 0 && !claimed[truthIndex[d]]) {
                claimed[truthIndex[d]] = true;
                tp[c]++;
            } else {
                fp[c]++;
            }
            int fn = truthsPerClass[c] - tp[c];
            precision[c][filled[c]] = tp[c] + fp[c] > 0 ? (double) tp[c] / (tp[c] + fp[c]) : 0;
            recall[c][filled[c]] = tp[c] + fn > 0 ? (double) tp[c] / (tp[c] + fn) : 0;
            filled[c]++;
        }
        double[] ap = new double[classes];
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            ap[c] = precision[c] == null ? 0 : points == 0 ? areaUnderCurve(precision[c], recall[c]) : pointAverage(precision[c], recall[c]);
            sum += ap[c];
        }
        return new Result(sum / classes, ap, truthsPerClass.clone());
    }

    /** {@code map_points == 0}: from the last rank back, recall steps times the precision envelope, down to recall 0. */
    private static double areaUnderCurve(double[] precision, double[] recall) {
        int n = precision.length;
        double lastRecall = recall[n - 1];
        double lastPrecision = precision[n - 1];
        double ap = 0;
        for (int rank = n - 2; rank >= 0; --rank) {
            double deltaRecall = lastRecall - recall[rank];
            lastRecall = recall[rank];
            if (precision[rank] > lastPrecision) {
                lastPrecision = precision[rank];
            }
            ap += deltaRecall * lastPrecision;
        }
        // detector.c at 59596d78: "add remaining area of PR curve when recall isn't 0 at rank-1"
        ap += (lastRecall - 0) * lastPrecision;
        return ap;
    }

    /** {@code map_points = 11 or 101}: the best precision at recall ≥ point/(points−1), averaged. */
    private double pointAverage(double[] precision, double[] recall) {
        double ap = 0;
        for (int point = 0; point < points; ++point) {
            double curRecall = point * 1.0 / (points - 1);
            double curPrecision = 0;
            for (int rank = 0; rank < precision.length; ++rank) {
                if (recall[rank] >= curRecall && precision[rank] > curPrecision) {
                    curPrecision = precision[rank];
                }
            }
            ap += curPrecision;
        }
        return ap / points;
    }
}
