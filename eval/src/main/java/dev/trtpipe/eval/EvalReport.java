package dev.trtpipe.eval;

import java.util.List;

/**
 * One model's (or results file's) scores on a dataset.
 *
 * @param coco       {@code COCOeval.stats}, 12 numbers in its order (-1 where absent)
 * @param map50      darknet's mAP@0.50 over the label space's classes
 * @param mapPoints  darknet's {@code -points} it was computed with (0: area under the curve)
 * @param perClass   one row per dataset category with ground truth or detections, by category id
 * @param detections detections scored (after the image and category checks)
 */
public record EvalReport(double[] coco, double map50, int mapPoints, List<ClassScore> perClass, int images, int detections) {

    /**
     * @param ap         COCO AP@[.5:.95] (NaN: no ground truth)
     * @param ap50       COCO AP@.5
     * @param darknetAp  darknet's AP@0.50 of the class scoring as this category (NaN: none does)
     */
    public record ClassScore(int categoryId, String name, int groundTruth, double ap, double ap50, double darknetAp) {
    }
}
