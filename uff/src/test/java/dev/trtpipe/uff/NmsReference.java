package dev.trtpipe.uff;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * NMS_TRT and BatchedNMS_TRT written on the CPU from the plugins' definitions (TensorRT's nmsPlugin and
 * batchedNMSPlugin READMEs and kernels), independent of any translation: the reference both the plain-ONNX
 * NMS and the GPU check compare with.
 *
 * <p>Per image and per class other than {@code backgroundLabelId}: candidates whose score exceeds the
 * threshold, best {@code topK} of them, greedy NMS (a box is dropped when its IoU with a kept box of the
 * same class exceeds the IoU threshold); then all classes' survivors, best {@code keepTopK} by score.
 */
final class NmsReference {

    /** One kept detection: class, score, corners (xmin, ymin, xmax, ymax). */
    record Detection(int label, float score, float[] box) {
    }

    /** The plugins' shared fields (NMS_TRT's confidenceThreshold/nmsThreshold are BatchedNMS's score/iou thresholds). */
    record Params(int numClasses, int backgroundLabelId, int topK, int keepTopK, float scoreThreshold, float iouThreshold,
            boolean isNormalized) {
    }

    private NmsReference() {
    }

    /**
     * NMS_TRT's decoding (codeType CENTER_SIZE, shareLocation, variances not encoded in the target): per prior
     * {@code p} with corners and variances {@code v}, {@code cx = v0*l0*pw + pcx}, {@code w = exp(v2*l2)*pw}, ….
     *
     * @param loc    [P*4] one image's location offsets
     * @param priors [2*P*4] corners then variances (GridAnchor's layout)
     */
    static float[][] decodeCenterSize(float[] loc, float[] priors) {
        int p = loc.length / 4;
        float[][] boxes = new float[p][];
        for (int i = 0; i < p; i++) {
            int b = i * 4;
            int v = p * 4 + b;
            float pw = priors[b + 2] - priors[b];
            float ph = priors[b + 3] - priors[b + 1];
            float pcx = (priors[b] + priors[b + 2]) / 2;
            float pcy = (priors[b + 1] + priors[b + 3]) / 2;
            double cx = priors[v] * loc[b] * pw + pcx;
            double cy = priors[v + 1] * loc[b + 1] * ph + pcy;
            double w = Math.exp(priors[v + 2] * loc[b + 2]) * pw;
            double h = Math.exp(priors[v + 3] * loc[b + 3]) * ph;
            boxes[i] = new float[] {(float) (cx - w / 2), (float) (cy - h / 2), (float) (cx + w / 2), (float) (cy + h / 2)};
        }
        return boxes;
    }

    /**
     * NMS_TRT's CENTER_SIZE decoding as TensorRT 10.6's decodeBBoxes kernel computes it, in fp32 engines too: the centres
     * in float as {@link #decodeCenterSize}, but width and height in half precision. The kernel's namespace declares
     * {@code __half exp(__half)} (decodeBBoxes.cu line 26), which hides the float {@code exp}, so {@code exp(v2 * l2)}
     * (line 192) rounds its argument to half and returns hexp's half (correctly rounded); {@code mul_fb(__half, float)}
     * (line 67) then multiplies in half: {@code w = h(h(exp(h(v2 l2))) * h(pw))}. On the H200 this reproduced the engines'
     * image-0 boxes to 3e-8, where the float decoding was 5.4e-4 off.
     */
    static float[][] decodeCenterSizeAsPlugin(float[] loc, float[] priors) {
        int p = loc.length / 4;
        float[][] boxes = new float[p][];
        for (int i = 0; i < p; i++) {
            int b = i * 4;
            int v = p * 4 + b;
            float pw = priors[b + 2] - priors[b];
            float ph = priors[b + 3] - priors[b + 1];
            float cx = priors[v] * loc[b] * pw + (priors[b] + priors[b + 2]) / 2;
            float cy = priors[v + 1] * loc[b + 1] * ph + (priors[b + 1] + priors[b + 3]) / 2;
            float w = half(half(Math.exp(half(priors[v + 2] * loc[b + 2]))) * (double) half(pw));
            float h = half(half(Math.exp(half(priors[v + 3] * loc[b + 3]))) * (double) half(ph));
            boxes[i] = new float[] {cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2};
        }
        return boxes;
    }

    /** {@code x} rounded to the nearest IEEE half (ties to even), as a float; the range the graphs use, no overflow. */
    static float half(double x) {
        if (x == 0 || !Double.isFinite(x)) {
            return (float) x;
        }
        double ulp = Math.scalb(1.0, Math.max(Math.getExponent(x), -14) - 10);
        return (float) (Math.rint(x / ulp) * ulp);
    }

    /**
     * @param boxes  [P][4] one image's boxes, shared by all classes
     * @param scores [P][numClasses]
     */
    static List<Detection> nms(float[][] boxes, float[][] scores, Params params) {
        List<Detection> all = new ArrayList<>();
        for (int c = 0; c < params.numClasses(); c++) {
            if (c == params.backgroundLabelId()) {
                continue;
            }
            final int cls = c;
            List<Integer> candidates = new ArrayList<>();
            for (int i = 0; i < boxes.length; i++) {
                if (scores[i][c] > params.scoreThreshold()) {
                    candidates.add(i);
                }
            }
            candidates.sort(Comparator.comparingDouble((Integer i) -> -scores[i][cls]));
            List<Integer> kept = new ArrayList<>();
            for (int i : candidates.subList(0, Math.min(params.topK(), candidates.size()))) {
                boolean suppressed = false;
                for (int k : kept) {
                    if (iou(boxes[i], boxes[k], params.isNormalized()) > params.iouThreshold()) {
                        suppressed = true;
                        break;
                    }
                }
                if (!suppressed) {
                    kept.add(i);
                }
            }
            for (int k : kept) {
                all.add(new Detection(c, scores[k][c], boxes[k].clone()));
            }
        }
        all.sort(Comparator.comparingDouble((Detection d) -> -d.score()));
        return new ArrayList<>(all.subList(0, Math.min(params.keepTopK(), all.size())));
    }

    /**
     * The candidates of one image whose fate could change if every score moved by up to {@code scoreTol} and every IoU by
     * up to {@code iouTol} (a reduced-precision engine): for the fp16 check, where only these may be kept by one side and
     * not the other. Per class, over the candidates within {@code scoreTol} of the threshold or above it, in descending
     * order, a candidate is fragile when its score is within {@code scoreTol} of the threshold or of the topK-th
     * candidate's, or when a better (or nearly as good) candidate of its class overlaps it within {@code iouTol} of the
     * IoU threshold, or overlaps it above that and is itself fragile or within {@code scoreTol} of it (their order may
     * swap) — unless a kept, not fragile, clearly better candidate overlaps it by more than the IoU threshold plus
     * {@code iouTol}: then it is dropped whatever else flips. Per image, when the survivors reach keepTopK, the survivors whose rank may cross the cut (one per fragile
     * candidate above it, and any within {@code scoreTol} of the cut's score) are fragile too. Boxes as the engine
     * reports them (clipped to [0, 1]).
     */
    static List<Detection> fragile(float[][] boxes, float[][] scores, Params params, double scoreTol, double iouTol) {
        List<Detection> fragile = new ArrayList<>();
        List<Detection> survivors = nms(boxes, scores, new Params(params.numClasses(), params.backgroundLabelId(), params.topK(),
                Integer.MAX_VALUE, params.scoreThreshold(), params.iouThreshold(), params.isNormalized()));
        for (int c = 0; c < params.numClasses(); c++) {
            if (c == params.backgroundLabelId()) {
                continue;
            }
            final int cls = c;
            List<Integer> near = new ArrayList<>();
            List<Integer> candidates = new ArrayList<>();
            for (int i = 0; i < boxes.length; i++) {
                if (scores[i][c] > params.scoreThreshold() - scoreTol) {
                    near.add(i);
                }
                if (scores[i][c] > params.scoreThreshold()) {
                    candidates.add(i);
                }
            }
            Comparator<Integer> best = Comparator.comparingDouble((Integer i) -> -scores[i][cls]);
            near.sort(best);
            candidates.sort(best);
            double topKScore = candidates.size() > params.topK() ? scores[candidates.get(params.topK() - 1)][c] : Double.NaN;
            boolean[] kept = new boolean[boxes.length];
            List<Integer> keptSoFar = new ArrayList<>();
            for (int i : candidates.subList(0, Math.min(params.topK(), candidates.size()))) {
                if (keptSoFar.stream().allMatch(k -> iou(boxes[i], boxes[k], params.isNormalized()) <= params.iouThreshold())) {
                    keptSoFar.add(i);
                    kept[i] = true;
                }
            }
            boolean[] shaky = new boolean[boxes.length];
            for (int i : near) {
                double s = scores[i][c];
                boolean f = Math.abs(s - params.scoreThreshold()) <= scoreTol || Math.abs(s - topKScore) <= scoreTol;
                boolean surelySuppressed = false;
                for (int k : near) {
                    if (k == i || scores[k][c] < s - scoreTol) {
                        continue;
                    }
                    double iou = iou(boxes[i], boxes[k], params.isNormalized());
                    boolean surelyBetter = scores[k][c] > s + scoreTol && (candidates.indexOf(k) < candidates.indexOf(i) || !kept[i]);
                    surelySuppressed |= kept[k] && !shaky[k] && surelyBetter && iou > params.iouThreshold() + iouTol;
                    f |= Math.abs(iou - params.iouThreshold()) <= iouTol
                            || iou > params.iouThreshold() - iouTol && (shaky[k] || Math.abs(scores[k][c] - s) <= scoreTol);
                }
                shaky[i] = f && !surelySuppressed;
                if (shaky[i]) {
                    fragile.add(new Detection(c, scores[i][c], clip(new float[][] {boxes[i]})[0]));
                }
            }
        }
        // the keepTopK cut: a survivor may leave the kept rows when fragile candidates that may join rank above it fill them,
        // one beyond them may enter when fragile survivors above it may leave
        int keep = params.keepTopK();
        double cutScore = survivors.size() >= keep ? survivors.get(keep - 1).score() : Double.NEGATIVE_INFINITY;
        List<Detection> joiners = fragile.stream().filter(f -> survivors.stream().noneMatch(d -> same(d, f))).toList();
        List<Detection> added = new ArrayList<>();
        int leaversAbove = 0;
        for (int r = 0; r < survivors.size(); r++) {
            Detection d = survivors.get(r);
            boolean isFragile = fragile.stream().anyMatch(x -> same(x, d));
            long joinersAbove = joiners.stream().filter(j -> j.score() >= d.score() - scoreTol).count();
            boolean crosses = r < keep ? r + joinersAbove >= keep : r - leaversAbove < keep;
            crosses |= survivors.size() > keep && Math.abs(d.score() - cutScore) <= scoreTol;
            if (crosses && !isFragile) {
                added.add(new Detection(d.label(), d.score(), clip(new float[][] {d.box()})[0]));
            }
            leaversAbove += isFragile ? 1 : 0;
        }
        fragile.addAll(added);
        return fragile;
    }

    /** The same candidate: label, score and (clipped) box. */
    private static boolean same(Detection a, Detection b) {
        return a.label() == b.label() && a.score() == b.score()
                && java.util.Arrays.equals(clip(new float[][] {a.box()})[0], clip(new float[][] {b.box()})[0]);
    }

    /**
     * IoU as the plugins compute it (allClassNMS.cu jaccardOverlap, caffeSemantics = true as NMS_TRT passes and
     * BatchedNMS_TRT defaults to): each box's corners are first sorted per axis (getDiagonalMinMaxSortedBox), so an
     * inverted box counts with its true extent; un-normalised boxes count their end pixel (+1) in the intersection
     * and in both areas; boxes that only touch do not intersect.
     */
    static double iou(float[] a, float[] b, boolean normalized) {
        float[] p = sorted(a), q = sorted(b);
        double one = normalized ? 0 : 1;
        if (q[0] > p[2] || q[2] < p[0] || q[1] > p[3] || q[3] < p[1]) {
            return 0;
        }
        double iw = Math.min(p[2], q[2]) - Math.max(p[0], q[0]) + one;
        double ih = Math.min(p[3], q[3]) - Math.max(p[1], q[1]) + one;
        if (iw <= 0 || ih <= 0) {
            return 0;
        }
        double inter = iw * ih;
        return inter / (area(p, one) + area(q, one) - inter);
    }

    private static float[] sorted(float[] box) {
        return new float[] {Math.min(box[0], box[2]), Math.min(box[1], box[3]), Math.max(box[0], box[2]), Math.max(box[1], box[3])};
    }

    private static double area(float[] box, double one) {
        return (box[2] - box[0] + one) * (box[3] - box[1] + one);
    }

    /**
     * NMS_TRT's first output for one image: keepTopK rows of (image, label, score, xmin, ymin, xmax, ymax), each
     * coordinate saturated to [0, 1] (gatherTopDetections' {@code __saturatef}); after the kept ones rows of
     * (image, -1, 0, 0, 0, 0, 0).
     */
    static float[] nmsTrtRows(int image, List<Detection> kept, int keepTopK) {
        float[] rows = new float[keepTopK * 7];
        for (int i = 0; i < keepTopK; i++) {
            rows[i * 7] = image;
            rows[i * 7 + 1] = -1;
            if (i < kept.size()) {
                Detection d = kept.get(i);
                rows[i * 7 + 1] = d.label();
                rows[i * 7 + 2] = d.score();
                System.arraycopy(clip(new float[][] {d.box()})[0], 0, rows, i * 7 + 3, 4);
            }
        }
        return rows;
    }

    /** BatchedNMS_TRT's boxes after {@code clipBoxes}: each coordinate clamped to [0, 1]. */
    static float[][] clip(float[][] boxes) {
        float[][] out = new float[boxes.length][];
        for (int i = 0; i < boxes.length; i++) {
            out[i] = new float[4];
            for (int k = 0; k < 4; k++) {
                out[i][k] = Math.max(0f, Math.min(1f, boxes[i][k]));
            }
        }
        return out;
    }
}
