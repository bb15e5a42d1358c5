package dev.trtpipe.uff;

/** Small shape helpers for the shape-changing translators. */
final class Shapes {

    private Shapes() {
    }

    static long product(long[] shape, int from) {
        long p = 1;
        for (int i = from; i < shape.length; i++) {
            p *= shape[i];
        }
        return p;
    }

    static boolean known(long[] shape, int from) {
        if (shape == null) {
            return false;
        }
        for (int i = from; i < shape.length; i++) {
            if (shape[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** A possibly negative axis as an index into a rank-{@code rank} shape. */
    static int axis(UffNode node, long axis, int rank) {
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw node.problem("has axis " + axis + " for a rank-" + rank + " tensor");
        }
        return (int) a;
    }

    static long[] requireShape(UffNode node, UffTranslation t, String tensor) {
        long[] s = t.shape(tensor);
        if (s == null) {
            throw node.problem("reads '" + tensor + "', whose shape is unknown (a plugin output)");
        }
        return s;
    }
}
