package dev.trtpipe.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A line-by-line port of pycocotools' {@code COCOeval.evaluate()} and {@code accumulate()}: dictionaries
 * of lists per (image, category), {@code evaluateImg} for every category × area range × image, and
 * per-(category, area, maxDets) concatenation and sorting. It is slow on purpose: {@code bench-eval}
 * measures {@link CocoEvaluator} against it, and tests check that both give the same bits.
 */
public final class PortedCocoEval {

    private record Gt(long id, double[] bbox, double area, boolean iscrowd) {
    }

    private record Dt(long id, double[] bbox, double area, double score) {
    }

    /** evaluateImg's dict: dtMatches [T][D], dtIgnore [T][D], gtIgnore [G], dtScores [D]. */
    private record ImgEval(double[][] dtMatches, boolean[][] dtIgnore, boolean[] gtIgnore, double[] dtScores) {
    }

    private PortedCocoEval() {
    }

    public static CocoResult evaluate(Dataset groundTruth, List<ScoredBox> detections) {
        List<Long> imgIds = new ArrayList<>(new TreeSet<>(groundTruth.images().stream().map(ImageInfo::id).toList()));
        List<Integer> catIds = new ArrayList<>(new TreeSet<>(groundTruth.categories().stream().map(Category::id).toList()));
        HashSet<Long> imgSet = new HashSet<>(imgIds);
        HashSet<Integer> catSet = new HashSet<>(catIds);
        // _prepare
        Map<String, List<Gt>> gts = new HashMap<>();
        for (Annotation a : groundTruth.annotations()) {
            if (imgSet.contains(a.imageId()) && catSet.contains(a.categoryId())) {
                gts.computeIfAbsent(a.imageId() + "," + a.categoryId(), x -> new ArrayList<>())
                        .add(new Gt(a.id(), new double[]{a.x(), a.y(), a.w(), a.h()}, a.area(), a.crowd() || a.difficult()));
            }
        }
        Map<String, List<Dt>> dts = new HashMap<>();
        long nextId = 1;
        for (ScoredBox d : detections) {
            long id = nextId++; // loadRes: id = index + 1
            if (imgSet.contains(d.imageId()) && catSet.contains(d.categoryId())) {
                dts.computeIfAbsent(d.imageId() + "," + d.categoryId(), x -> new ArrayList<>())
                        .add(new Dt(id, new double[]{d.x(), d.y(), d.w(), d.h()}, d.w() * d.h(), d.score()));
            }
        }
        // evaluate: evalImgs = [evaluateImg(img, cat, areaRng, maxDet) for cat for areaRng for img]
        int maxDet = CocoParams.MAX_DETS[CocoParams.MAX_DETS.length - 1];
        List<ImgEval> evalImgs = new ArrayList<>();
        for (int catId : catIds) {
            for (double[] areaRng : CocoParams.AREA_RANGES) {
                for (long imgId : imgIds) {
                    String key = imgId + "," + catId;
                    evalImgs.add(evaluateImg(gts.getOrDefault(key, List.of()), dts.getOrDefault(key, List.of()), areaRng, maxDet));
                }
            }
        }
        return accumulate(catIds, imgIds.size(), evalImgs);
    }

    private static ImgEval evaluateImg(List<Gt> gt, List<Dt> dtAll, double[] aRng, int maxDet) {
        if (gt.isEmpty() && dtAll.isEmpty()) {
            return null;
        }
        int[] gtIgnoreFlag = new int[gt.size()];
        for (int i = 0; i < gt.size(); i++) {
            Gt g = gt.get(i);
            gtIgnoreFlag[i] = g.iscrowd || g.area < aRng[0] || g.area > aRng[1] ? 1 : 0;
        }
        int[] gtind = argsortMergesort(Arrays.stream(gtIgnoreFlag).asDoubleStream().toArray());
        List<Gt> g = new ArrayList<>();
        for (int i : gtind) {
            g.add(gt.get(i));
        }
        int[] dtind = argsortMergesort(dtAll.stream().mapToDouble(d -> -d.score).toArray());
        List<Dt> dt = new ArrayList<>();
        for (int i = 0; i < Math.min(maxDet, dtind.length); i++) {
            dt.add(dtAll.get(dtind[i]));
        }
        int T = CocoParams.IOU_THRESHOLDS.length;
        double[][] gtm = new double[T][g.size()];
        double[][] dtm = new double[T][dt.size()];
        boolean[] gtIg = new boolean[g.size()];
        for (int i = 0; i < g.size(); i++) {
            gtIg[i] = gtIgnoreFlag[gtind[i]] == 1;
        }
        boolean[][] dtIg = new boolean[T][dt.size()];
        if (!g.isEmpty() && !dt.isEmpty()) {
            for (int tind = 0; tind < T; tind++) {
                for (int dind = 0; dind < dt.size(); dind++) {
                    Dt d = dt.get(dind);
                    double iou = Math.min(CocoParams.IOU_THRESHOLDS[tind], 1 - 1e-10);
                    int m = -1;
                    for (int gind = 0; gind < g.size(); gind++) {
                        if (gtm[tind][gind] > 0 && !g.get(gind).iscrowd) {
                            continue;
                        }
                        if (m > -1 && !gtIg[m] && gtIg[gind]) {
                            break;
                        }
                        Gt gg = g.get(gind);
                        double v = BoxIou.coco(d.bbox[0], d.bbox[1], d.bbox[2], d.bbox[3],
                                gg.bbox[0], gg.bbox[1], gg.bbox[2], gg.bbox[3], gg.iscrowd);
                        if (v < iou) {
                            continue;
                        }
                        iou = v;
                        m = gind;
                    }
                    if (m == -1) {
                        continue;
                    }
                    dtIg[tind][dind] = gtIg[m];
                    dtm[tind][dind] = g.get(m).id;
                    gtm[tind][m] = d.id;
                }
            }
        }
        for (int dind = 0; dind < dt.size(); dind++) {
            double area = dt.get(dind).area;
            boolean outside = area < aRng[0] || area > aRng[1];
            for (int tind = 0; tind < T; tind++) {
                dtIg[tind][dind] = dtIg[tind][dind] || (dtm[tind][dind] == 0 && outside);
            }
        }
        return new ImgEval(dtm, dtIg, gtIg, dt.stream().mapToDouble(Dt::score).toArray());
    }

    private static CocoResult accumulate(List<Integer> catIds, int i0, List<ImgEval> evalImgs) {
        int T = CocoResult.T, R = CocoResult.R, K = catIds.size(), A = CocoResult.A, M = CocoResult.M;
        double[] precision = new double[T * R * K * A * M];
        double[] recall = new double[T * K * A * M];
        Arrays.fill(precision, -1);
        Arrays.fill(recall, -1);
        for (int k = 0; k < K; k++) {
            int nk = k * A * i0;
            for (int a = 0; a < A; a++) {
                int na = a * i0;
                for (int m = 0; m < M; m++) {
                    int maxDet = CocoParams.MAX_DETS[m];
                    List<ImgEval> e = new ArrayList<>();
                    for (int i = 0; i < i0; i++) {
                        ImgEval x = evalImgs.get(nk + na + i);
                        if (x != null) {
                            e.add(x);
                        }
                    }
                    if (e.isEmpty()) {
                        continue;
                    }
                    List<Double> scores = new ArrayList<>();
                    List<double[]> dtmCols = new ArrayList<>();
                    List<boolean[]> dtIgCols = new ArrayList<>();
                    int npig = 0;
                    for (ImgEval x : e) {
                        for (int d = 0; d < Math.min(maxDet, x.dtScores.length); d++) {
                            scores.add(x.dtScores[d]);
                            double[] col = new double[T];
                            boolean[] ig = new boolean[T];
                            for (int t = 0; t < T; t++) {
                                col[t] = x.dtMatches[t][d];
                                ig[t] = x.dtIgnore[t][d];
                            }
                            dtmCols.add(col);
                            dtIgCols.add(ig);
                        }
                        for (boolean ig : x.gtIgnore) {
                            npig += ig ? 0 : 1;
                        }
                    }
                    if (npig == 0) {
                        continue;
                    }
                    int[] inds = argsortMergesort(scores.stream().mapToDouble(s -> -s).toArray());
                    int nd = inds.length;
                    for (int t = 0; t < T; t++) {
                        double[] rc = new double[nd];
                        double[] pr = new double[nd];
                        double tp = 0;
                        double fp = 0;
                        for (int i = 0; i < nd; i++) {
                            double dtm = dtmCols.get(inds[i])[t];
                            boolean dtIg = dtIgCols.get(inds[i])[t];
                            tp += dtm != 0 && !dtIg ? 1 : 0;
                            fp += dtm == 0 && !dtIg ? 1 : 0;
                            rc[i] = tp / npig;
                            pr[i] = tp / (fp + tp + Math.ulp(1.0));
                        }
                        recall[CocoResult.recallIndex(t, k, a, m, K)] = nd > 0 ? rc[nd - 1] : 0;
                        for (int i = nd - 1; i > 0; i--) {
                            if (pr[i] > pr[i - 1]) {
                                pr[i - 1] = pr[i];
                            }
                        }
                        for (int r = 0; r < R; r++) {
                            int pi = searchsortedLeft(rc, CocoParams.RECALL_THRESHOLDS[r]);
                            if (pi >= nd) {
                                break; // Python's IndexError ends the try block; the rest stay 0
                            }
                            precision[CocoResult.precisionIndex(t, r, k, a, m, K)] = pr[pi];
                        }
                        for (int r = 0; r < R; r++) {
                            int idx = CocoResult.precisionIndex(t, r, k, a, m, K);
                            if (precision[idx] == -1) {
                                precision[idx] = 0;
                            }
                        }
                    }
                }
            }
        }
        return new CocoResult(catIds.stream().mapToInt(Integer::intValue).toArray(), precision, recall);
    }

    private static int searchsortedLeft(double[] sorted, double value) {
        int i = 0;
        while (i < sorted.length && sorted[i] < value) {
            i++;
        }
        return i;
    }

    /** {@code np.argsort(keys, kind='mergesort')}: ascending, stable. */
    private static int[] argsortMergesort(double[] keys) {
        Integer[] idx = new Integer[keys.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (x, y) -> keys[x] < keys[y] ? -1 : keys[y] < keys[x] ? 1 : 0); // TimSort is stable
        return Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
    }
}
