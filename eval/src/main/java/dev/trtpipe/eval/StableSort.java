package dev.trtpipe.eval;

/**
 * Stable ordering of indices by falling score: numpy's {@code argsort(-scores, kind='mergesort')}, which
 * pycocotools uses everywhere, keeps equal scores in their input order. Comparisons use {@code <} on
 * doubles, so 0.0 and -0.0 tie as they do in numpy.
 */
final class StableSort {

    private StableSort() {
    }

    /** Sorts {@code order[from, to)} (indices into {@code scores}) by falling score, ties kept in place. */
    static void byScoreDescending(int[] order, int from, int to, double[] scores, int[] scratch) {
        int n = to - from;
        if (n < 2) {
            return;
        }
        if (n <= 16) {
            for (int i = from + 1; i < to; i++) {
                int v = order[i];
                double s = scores[v];
                int j = i - 1;
                while (j >= from && scores[order[j]] < s) {
                    order[j + 1] = order[j];
                    j--;
                }
                order[j + 1] = v;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        byScoreDescending(order, from, mid, scores, scratch);
        byScoreDescending(order, mid, to, scores, scratch);
        if (!(scores[order[mid - 1]] < scores[order[mid]])) {
            return; // already in order
        }
        System.arraycopy(order, from, scratch, from, n);
        int i = from;
        int j = mid;
        int k = from;
        while (i < mid && j < to) {
            // the right run goes first only when strictly higher: ties keep the left (earlier) one first
            order[k++] = scores[scratch[i]] < scores[scratch[j]] ? scratch[j++] : scratch[i++];
        }
        while (i < mid) {
            order[k++] = scratch[i++];
        }
        while (j < to) {
            order[k++] = scratch[j++];
        }
    }

    static int[] byScoreDescending(double[] scores) {
        int[] order = new int[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        byScoreDescending(order, 0, order.length, scores, new int[order.length]);
        return order;
    }
}
