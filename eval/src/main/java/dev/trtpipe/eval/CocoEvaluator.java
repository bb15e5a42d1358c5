package dev.trtpipe.eval;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * COCO bbox metrics exactly as pycocotools' {@code COCOeval} ({@code evaluate}, {@code accumulate},
 * {@code summarize}) computes them, on primitive arrays. Ground truth and detections are bucketed per
 * (category, image) once; each non-empty bucket is matched once per area range and IoU threshold at 100
 * detections (as {@code evaluateImg} is), and each category's detections are sorted once: the stable sort
 * of a 1- or 10-per-image subset is the full order filtered, because ties keep concatenation order.
 *
 * <p>Detections for an image the ground truth does not have are skipped (pycocotools refuses the whole
 * file; callers count and report them); detections of a category it does not have are ignored, as in
 * pycocotools.
 */
public final class CocoEvaluator {

    private static final int T = CocoResult.T;
    private static final int R = CocoResult.R;
    private static final int A = CocoResult.A;
    private static final int M = CocoResult.M;
    private static final int MAX_DET = CocoParams.MAX_DETS[M - 1];
    /** Per detection, per (area, threshold): how accumulate counts it. */
    private static final byte FALSE_POSITIVE = 0;
    private static final byte TRUE_POSITIVE = 1;
    private static final byte IGNORED = 2;

    private CocoEvaluator() {
    }

    public static CocoResult evaluate(Dataset groundTruth, List<ScoredBox> detections) {
        long[] imageIds = groundTruth.images().stream().mapToLong(ImageInfo::id).sorted().distinct().toArray();
        int[] categoryIds = groundTruth.categories().stream().mapToInt(Category::id).sorted().distinct().toArray();
        int images = imageIds.length;
        int categories = categoryIds.length;
        Map<Long, Integer> imageIndex = new HashMap<>(images * 2);
        for (int i = 0; i < images; i++) {
            imageIndex.put(imageIds[i], i);
        }
        Map<Integer, Integer> categoryIndex = new HashMap<>(categories * 2);
        for (int k = 0; k < categories; k++) {
            categoryIndex.put(categoryIds[k], k);
        }
        Buckets gt = Buckets.of(groundTruth.annotations(), a -> key(imageIndex.get(a.imageId()), categoryIndex.get(a.categoryId()), images),
                categories * images);
        Buckets dt = Buckets.of(detections, d -> key(imageIndex.get(d.imageId()), categoryIndex.get(d.categoryId()), images),
                categories * images);

        double[] precision = new double[T * R * categories * A * M];
        double[] recall = new double[T * categories * A * M];
        Arrays.fill(precision, -1);
        Arrays.fill(recall, -1);
        for (int k = 0; k < categories; k++) {
            CategoryMatches matches = match(k, images, groundTruth.annotations(), gt, detections, dt);
            if (matches != null) {
                accumulate(k, categories, matches, precision, recall);
            }
        }
        return new CocoResult(categoryIds, precision, recall);
    }

    /** Bucket key, category-major so that a category's buckets are consecutive in image-id order; -1 to skip. */
    private static int key(Integer image, Integer category, int images) {
        return image == null || category == null ? -1 : category * images + image;
    }

    /** One category's detections (image order, then score order within an image) and how each matched. */
    private record CategoryMatches(double[] scores, int[] rankInImage, byte[] states, int[] unignoredGt) {
    }

    /** evaluateImg for every image of category {@code k}, or null when no image has a box of it (E is empty). */
    private static CategoryMatches match(int k, int images, List<Annotation> annotations, Buckets gt,
                                         List<ScoredBox> detections, Buckets dt) {
        int kept = 0;
        boolean any = false;
        for (int i = 0; i < images; i++) {
            int b = k * images + i;
            kept += Math.min(dt.size(b), MAX_DET);
            any |= gt.size(b) > 0 || dt.size(b) > 0;
        }
        if (!any) {
            return null;
        }
        double[] scores = new double[kept];
        int[] rank = new int[kept];
        byte[] states = new byte[kept * A * T];
        int[] unignoredGt = new int[A];
        ImageMatcher matcher = new ImageMatcher();
        int base = 0;
        for (int i = 0; i < images; i++) {
            int b = k * images + i;
            if (gt.size(b) == 0 && dt.size(b) == 0) {
                continue;
            }
            int d = matcher.load(annotations, gt, detections, dt, b);
            for (int j = 0; j < d; j++) {
                scores[base + j] = matcher.dtScore[j];
                rank[base + j] = j;
            }
            for (int a = 0; a < A; a++) {
                unignoredGt[a] += matcher.matchArea(a, states, base);
            }
            base += d;
        }
        return new CategoryMatches(scores, rank, states, unignoredGt);
    }

    /** accumulate() for category {@code k}: precision at the recall thresholds and final recall. */
    private static void accumulate(int k, int categories, CategoryMatches c, double[] precision, double[] recall) {
        int[] order = StableSort.byScoreDescending(c.scores);
        int n = order.length;
        double[] rc = new double[n];
        double[] pr = new double[n];
        for (int a = 0; a < A; a++) {
            int npig = c.unignoredGt[a];
            if (npig == 0) {
                continue;
            }
            for (int m = 0; m < M; m++) {
                int maxDet = CocoParams.MAX_DETS[m];
                for (int t = 0; t < T; t++) {
                    // ignored detections only repeat the previous (recall, precision) point: leaving them out
                    // changes neither the envelope nor the point searchsorted picks
                    int nd = 0;
                    double tp = 0;
                    double fp = 0;
                    for (int o : order) {
                        if (c.rankInImage[o] >= maxDet) {
                            continue;
                        }
                        byte state = c.states[(o * A + a) * T + t];
                        if (state == IGNORED) {
                            continue;
                        }
                        if (state == TRUE_POSITIVE) {
                            tp++;
                        } else {
                            fp++;
                        }
                        rc[nd] = tp / npig;
                        pr[nd] = tp / (fp + tp + Math.ulp(1.0));
                        nd++;
                    }
                    recall[CocoResult.recallIndex(t, k, a, m, categories)] = nd > 0 ? rc[nd - 1] : 0;
                    for (int i = nd - 1; i > 0; i--) {
                        if (pr[i] > pr[i - 1]) {
                            pr[i - 1] = pr[i];
                        }
                    }
                    // searchsorted(rc, recThrs, side='left'); past the end the precision stays 0
                    int j = 0;
                    for (int r = 0; r < R; r++) {
                        double threshold = CocoParams.RECALL_THRESHOLDS[r];
                        while (j < nd && rc[j] < threshold) {
                            j++;
                        }
                        precision[CocoResult.precisionIndex(t, r, k, a, m, categories)] = j < nd ? pr[j] : 0;
                    }
                }
            }
        }
    }

    /** evaluateImg for one (image, category) bucket, reusing its arrays from bucket to bucket. */
    private static final class ImageMatcher {
        private int g;
        private int d;
        private double[] gx = new double[8], gy = new double[8], gw = new double[8], gh = new double[8], garea = new double[8];
        private long[] gid = new long[8];
        private boolean[] gcrowd = new boolean[8];
        private double[] dtScore = new double[MAX_DET];
        private double[] dtArea = new double[MAX_DET];
        private double[] ious = new double[8 * MAX_DET];
        private int[] gtOrder = new int[8];
        private boolean[] gtIgnore = new boolean[8];
        private boolean[] gtMatched = new boolean[8];
        private int[] order = new int[16];
        private int[] scratch = new int[16];
        private double[] allScores = new double[16];

        /** Loads the bucket's ground truth (file order) and its top-100 detections by score; returns their count. */
        int load(List<Annotation> annotations, Buckets gtBuckets, List<ScoredBox> detections, Buckets dtBuckets, int b) {
            g = gtBuckets.size(b);
            if (gx.length < g) {
                int n = Math.max(g, 2 * gx.length);
                gx = new double[n]; gy = new double[n]; gw = new double[n]; gh = new double[n]; garea = new double[n];
                gid = new long[n]; gcrowd = new boolean[n]; gtOrder = new int[n]; gtIgnore = new boolean[n]; gtMatched = new boolean[n];
            }
            for (int j = 0; j < g; j++) {
                Annotation a = annotations.get(gtBuckets.item(b, j));
                gx[j] = a.x(); gy[j] = a.y(); gw[j] = a.w(); gh[j] = a.h();
                garea[j] = a.area();
                gid[j] = a.id();
                gcrowd[j] = a.crowd() || a.difficult();
            }
            int all = dtBuckets.size(b);
            if (order.length < all) {
                order = new int[all]; scratch = new int[all]; allScores = new double[all];
            }
            for (int j = 0; j < all; j++) {
                allScores[j] = detections.get(dtBuckets.item(b, j)).score();
                order[j] = j;
            }
            StableSort.byScoreDescending(order, 0, all, allScores, scratch);
            d = Math.min(all, MAX_DET);
            if (ious.length < d * g) {
                ious = new double[d * g];
            }
            for (int j = 0; j < d; j++) {
                ScoredBox box = detections.get(dtBuckets.item(b, order[j]));
                dtScore[j] = box.score();
                dtArea[j] = box.w() * box.h(); // loadRes: area = w·h for bbox results
                for (int q = 0; q < g; q++) {
                    ious[j * g + q] = BoxIou.coco(box.x(), box.y(), box.w(), box.h(), gx[q], gy[q], gw[q], gh[q], gcrowd[q]);
                }
            }
            return d;
        }

        /** Matches at every IoU threshold for area range {@code a}; returns the ground truths not ignored. */
        int matchArea(int a, byte[] states, int base) {
            double lo = CocoParams.AREA_RANGES[a][0];
            double hi = CocoParams.AREA_RANGES[a][1];
            int unignored = 0;
            // argsort(_ignore, kind='mergesort'): the ones scored first, each group in file order
            for (int q = 0; q < g; q++) {
                if (!(gcrowd[q] || garea[q] < lo || garea[q] > hi)) {
                    gtOrder[unignored++] = q;
                }
            }
            int n = unignored;
            for (int q = 0; q < g; q++) {
                if (gcrowd[q] || garea[q] < lo || garea[q] > hi) {
                    gtOrder[n++] = q;
                }
            }
            for (int s = 0; s < g; s++) {
                gtIgnore[s] = s >= unignored;
            }
            for (int t = 0; t < T; t++) {
                Arrays.fill(gtMatched, 0, g, false);
                double threshold = Math.min(CocoParams.IOU_THRESHOLDS[t], 1 - 1e-10);
                for (int j = 0; j < d; j++) {
                    double best = threshold;
                    int m = -1;
                    for (int s = 0; s < g; s++) {
                        int q = gtOrder[s];
                        if (gtMatched[s] && !gcrowd[q]) {
                            continue;
                        }
                        if (m > -1 && !gtIgnore[m] && gtIgnore[s]) {
                            break;
                        }
                        double iou = ious[j * g + q];
                        if (iou < best) {
                            continue;
                        }
                        best = iou;
                        m = s;
                    }
                    boolean ignored = false;
                    long matchedId = 0;
                    if (m > -1) {
                        ignored = gtIgnore[m];
                        matchedId = gid[gtOrder[m]];
                        gtMatched[m] = true;
                    }
                    // dtm == 0 (no match, or pycocotools' reading of a match with annotation id 0) and outside the range
                    if (matchedId == 0 && (dtArea[j] < lo || dtArea[j] > hi)) {
                        ignored = true;
                    }
                    states[((base + j) * A + a) * T + t] = ignored ? IGNORED : matchedId != 0 ? TRUE_POSITIVE : FALSE_POSITIVE;
                }
            }
            return unignored;
        }
    }
}
