package dev.trtpipe.detect.tao;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * nvinfer's clustering of one class's candidates ({@code cluster-mode}), after
 * {@code DetectPostprocessor::clusterAndFillDetectionOutput*} in DeepStream's
 * {@code nvdsinfer_context_impl_output_parsing.cpp}:
 * <ul>
 * <li>NMS: candidates stably sorted by falling confidence, one kept unless its IoU with a kept one exceeds
 * nms-iou-threshold, then confidence &gt; post-cluster-threshold and topk;</li>
 * <li>groupRectangles: OpenCV's {@code cv::groupRectangles} on the integer rectangles when group-threshold
 * &gt; 0 (otherwise every candidate passes, as in nvinfer). nvinfer reports the groups' confidence as
 * −0.1; we report the group's highest confidence instead so that tables and JSON stay meaningful;</li>
 * <li>DBSCAN: nvinfer calls the closed-source {@code NvDsInferDBScanCluster}, so this is an open
 * DBSCAN over the distance 1 − IoU (neighbours within eps; a core point has ≥ minBoxes neighbours
 * counting itself); a cluster becomes its confidence-weighted mean box with the highest member
 * confidence, kept if the summed confidence reaches dbscan-min-score. NVIDIA's area-to-hit-ratio filter
 * is not reproduced. minBoxes 0 skips clustering, as in nvinfer;</li>
 * <li>hybrid: DBSCAN drops candidates outside any cluster, then NMS on the rest.</li>
 * </ul>
 */
public final class Clustering {

    private Clustering() {
    }

    /** The candidates of one class clustered as {@code mode} with that class's settings. */
    public static List<NetBox> cluster(ClusterMode mode, List<NetBox> boxes, ClassAttributes a) {
        List<NetBox> out = switch (mode) {
            case NMS -> nms(boxes, a.nmsIouThreshold(), a.postClusterThreshold());
            case GROUP_RECTANGLES -> groupRectangles(boxes, a.groupThreshold(), a.eps());
            case DBSCAN -> a.minBoxes() > 0 ? postThreshold(dbscan(boxes, a.eps(), a.minBoxes(), a.minScore(), true), a)
                    : postThreshold(boxes, a);
            case HYBRID -> nms(a.minBoxes() > 0 ? dbscan(boxes, a.eps(), a.minBoxes(), a.minScore(), false) : boxes,
                    a.nmsIouThreshold(), a.postClusterThreshold());
            case NONE -> new ArrayList<>(boxes);
        };
        return topK(out, a.topK());
    }

    /** nvdsinfer's {@code nonMaximumSuppression}, then the post-cluster threshold (strictly greater). */
    public static List<NetBox> nms(List<NetBox> boxes, float iouThreshold, float postClusterThreshold) {
        List<NetBox> sorted = byFallingConfidence(boxes);
        List<NetBox> kept = new ArrayList<>();
        for (NetBox candidate : sorted) {
            boolean keep = true;
            for (NetBox k : kept) {
                if (candidate.iou(k) > iouThreshold) {
                    keep = false;
                    break;
                }
            }
            if (keep) {
                kept.add(candidate);
            }
        }
        kept.removeIf(b -> !(b.confidence() > postClusterThreshold));
        return kept;
    }

    /**
     * OpenCV's {@code groupRectangles(rects, groupThreshold, eps)} on the candidates truncated to integer
     * rectangles (nvinfer builds {@code cv::Rect} from the float boxes).
     */
    public static List<NetBox> groupRectangles(List<NetBox> boxes, int groupThreshold, float eps) {
        if (groupThreshold <= 0 || boxes.isEmpty()) {
            return new ArrayList<>(boxes);
        }
        int n = boxes.size();
        int[][] r = new int[n][];
        for (int i = 0; i < n; i++) {
            NetBox b = boxes.get(i);
            r[i] = new int[] {(int) b.left(), (int) b.top(), (int) b.width(), (int) b.height()};
        }
        int[] label = partition(n, (i, j) -> similar(r[i], r[j], eps));
        int classes = 0;
        for (int l : label) {
            classes = Math.max(classes, l + 1);
        }
        double[][] sums = new double[classes][4];
        int[] weights = new int[classes];
        float[] best = new float[classes];
        java.util.Arrays.fill(best, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            int c = label[i];
            for (int k = 0; k < 4; k++) {
                sums[c][k] += r[i][k];
            }
            weights[c]++;
            best[c] = Math.max(best[c], boxes.get(i).confidence());
        }
        int[][] mean = new int[classes][4];
        for (int c = 0; c < classes; c++) {
            double s = 1.0 / weights[c];
            for (int k = 0; k < 4; k++) {
                mean[c][k] = (int) Math.rint(sums[c][k] * s); // cvRound: round half to even
            }
        }
        int classId = boxes.get(0).classId();
        List<NetBox> out = new ArrayList<>();
        for (int i = 0; i < classes; i++) {
            int n1 = weights[i];
            if (n1 <= groupThreshold) {
                continue;
            }
            int[] r1 = mean[i];
            int dx = (int) Math.round(r1[2] * (double) eps); // saturate_cast<int> rounds
            int dy = (int) Math.round(r1[3] * (double) eps);
            boolean inside = false;
            for (int j = 0; j < classes && !inside; j++) {
                int n2 = weights[j];
                if (j == i || n2 <= groupThreshold) {
                    continue;
                }
                int[] r2 = mean[j];
                // a small group lying inside a stronger one is dropped
                inside = (n2 > Math.max(3, n1) || n1 < 3)
                        && r1[0] >= r2[0] - dx && r1[1] >= r2[1] - dy
                        && r1[0] + r1[2] <= r2[0] + r2[2] + dx && r1[1] + r1[3] <= r2[1] + r2[3] + dy;
            }
            if (!inside) {
                out.add(new NetBox(classId, r1[0], r1[1], r1[2], r1[3], best[i]));
            }
        }
        return out;
    }

    /** OpenCV's {@code SimilarRects}: every edge within eps · mean of the smaller sides. */
    private static boolean similar(int[] a, int[] b, float eps) {
        double delta = eps * (Math.min(a[2], b[2]) + Math.min(a[3], b[3])) * 0.5;
        return Math.abs(a[0] - b[0]) <= delta && Math.abs(a[1] - b[1]) <= delta
                && Math.abs(a[0] + a[2] - b[0] - b[2]) <= delta && Math.abs(a[1] + a[3] - b[1] - b[3]) <= delta;
    }

    private interface Relation {
        boolean test(int i, int j);
    }

    /** Equivalence classes of the transitive closure of {@code same} (OpenCV's {@code partition}), numbered in order of first member. */
    private static int[] partition(int n, Relation same) {
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (same.test(i, j)) {
                    parent[find(parent, i)] = find(parent, j);
                }
            }
        }
        int[] label = new int[n];
        int[] numberOfRoot = new int[n];
        java.util.Arrays.fill(numberOfRoot, -1);
        int next = 0;
        for (int i = 0; i < n; i++) {
            int root = find(parent, i);
            if (numberOfRoot[root] < 0) {
                numberOfRoot[root] = next++;
            }
            label[i] = numberOfRoot[root];
        }
        return label;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /**
     * DBSCAN over 1 − IoU. With {@code merge}, each cluster becomes one box (confidence-weighted mean,
     * highest confidence); without, the members of the kept clusters are returned unchanged (hybrid mode).
     */
    public static List<NetBox> dbscan(List<NetBox> boxes, float eps, int minBoxes, float minScore, boolean merge) {
        int n = boxes.size();
        List<List<Integer>> neighbours = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<Integer> near = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                if (1f - boxes.get(i).iou(boxes.get(j)) <= eps || i == j) {
                    near.add(j);
                }
            }
            neighbours.add(near);
        }
        int[] cluster = new int[n];
        java.util.Arrays.fill(cluster, -1);
        int clusters = 0;
        for (int i = 0; i < n; i++) {
            if (cluster[i] >= 0 || neighbours.get(i).size() < minBoxes) {
                continue;
            }
            int id = clusters++;
            java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>(List.of(i));
            cluster[i] = id;
            while (!queue.isEmpty()) {
                int p = queue.poll();
                if (neighbours.get(p).size() < minBoxes) {
                    continue; // a border point joins but does not extend the cluster
                }
                for (int q : neighbours.get(p)) {
                    if (cluster[q] < 0) {
                        cluster[q] = id;
                        queue.add(q);
                    }
                }
            }
        }
        List<NetBox> out = new ArrayList<>();
        for (int c = 0; c < clusters; c++) {
            List<NetBox> members = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (cluster[i] == c) {
                    members.add(boxes.get(i));
                }
            }
            double score = members.stream().mapToDouble(NetBox::confidence).sum();
            if (score < minScore) {
                continue;
            }
            if (merge) {
                out.add(weightedMean(members, score));
            } else {
                out.addAll(members);
            }
        }
        return out;
    }

    private static NetBox weightedMean(List<NetBox> members, double score) {
        double l = 0;
        double t = 0;
        double r = 0;
        double b = 0;
        float best = 0;
        for (NetBox m : members) {
            double w = score > 0 ? m.confidence() / score : 1.0 / members.size();
            l += w * m.left();
            t += w * m.top();
            r += w * m.right();
            b += w * m.bottom();
            best = Math.max(best, m.confidence());
        }
        return new NetBox(members.get(0).classId(), (float) l, (float) t, (float) (r - l), (float) (b - t), best);
    }

    private static List<NetBox> postThreshold(List<NetBox> boxes, ClassAttributes a) {
        List<NetBox> out = new ArrayList<>(boxes);
        out.removeIf(b -> b.confidence() < a.postClusterThreshold());
        return out;
    }

    /** nvdsinfer's {@code filterTopKOutputs}: topk &lt; 0 keeps all; otherwise the topk most confident. */
    static List<NetBox> topK(List<NetBox> boxes, int topK) {
        if (topK < 0) {
            return boxes;
        }
        List<NetBox> sorted = byFallingConfidence(boxes);
        return new ArrayList<>(sorted.subList(0, Math.min(topK, sorted.size())));
    }

    private static List<NetBox> byFallingConfidence(List<NetBox> boxes) {
        List<NetBox> sorted = new ArrayList<>(boxes);
        sorted.sort(Comparator.comparingDouble(NetBox::confidence).reversed()); // List.sort is stable
        return sorted;
    }
}
