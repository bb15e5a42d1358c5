package dev.trtpipe.detect.postprocess;

import java.util.Arrays;

/**
 * darknet's {@code detection} array before NMS, as parallel primitive arrays (no object per box): a box,
 * its objectness and one probability per class ({@code objectness · class score}, or 0 where that is
 * not above the threshold). Boxes are relative to the network input until {@link Postprocessor} maps
 * them to the image.
 *
 * <p>Built by decoding raw head tensors ({@link Postprocessor#decode}) or from a model that decodes in
 * its graph ({@link #fromDense}); NMS zeroes suppressed probabilities in place, as darknet does.
 */
public final class Candidates {

    private final int classes;
    private int size;
    private float[] x;
    private float[] y;
    private float[] w;
    private float[] h;
    private float[] objectness;
    private float[] probs;

    Candidates(int classes, int capacity) {
        if (classes <= 0) {
            throw new IllegalArgumentException("classes must be positive, got " + classes);
        }
        this.classes = classes;
        int c = Math.max(capacity, 16);
        x = new float[c];
        y = new float[c];
        w = new float[c];
        h = new float[c];
        objectness = new float[c];
        probs = new float[c * classes];
    }

    /**
     * Candidates from a model that decodes in its graph: {@code count} slots with boxes
     * {@code (x, y, w, h)} relative to the network input, objectness and per-class scores
     * {@code objectness · class probability}. Applies darknet's threshold rule: a slot is a candidate iff
     * its objectness is above {@code threshold}; a class probability is kept iff above it.
     *
     * @param boxes      {@code count · 4} floats from {@code boxesOffset}
     * @param objectness {@code count} floats from {@code objOffset}
     * @param scores     {@code count · classes} floats from {@code scoresOffset}
     */
    public static Candidates fromDense(int count, int classes, float threshold,
                                       float[] boxes, int boxesOffset, float[] objectness, int objOffset,
                                       float[] scores, int scoresOffset) {
        Candidates out = new Candidates(classes, 64);
        for (int s = 0; s < count; s++) {
            float obj = objectness[objOffset + s];
            if (!(obj > threshold)) {
                continue;
            }
            int b = boxesOffset + 4 * s;
            int i = out.add(boxes[b], boxes[b + 1], boxes[b + 2], boxes[b + 3], obj);
            int row = scoresOffset + s * classes;
            for (int k = 0; k < classes; k++) {
                float p = scores[row + k];
                out.setProbability(i, k, p > threshold ? p : 0f);
            }
        }
        return out;
    }

    public int size() {
        return size;
    }

    public int classes() {
        return classes;
    }

    public Box box(int i) {
        checkIndex(i);
        return new Box(x[i], y[i], w[i], h[i]);
    }

    public float objectness(int i) {
        checkIndex(i);
        return objectness[i];
    }

    public float probability(int i, int classId) {
        checkIndex(i);
        return probs[i * classes + classId];
    }

    /** Appends a candidate with all class probabilities 0; returns its index. */
    int add(float bx, float by, float bw, float bh, float obj) {
        if (size == x.length) {
            grow();
        }
        x[size] = bx;
        y[size] = by;
        w[size] = bw;
        h[size] = bh;
        objectness[size] = obj;
        return size++;
    }

    void setProbability(int i, int classId, float p) {
        probs[i * classes + classId] = p;
    }

    // package-private raw access for NMS and box correction, which run over every candidate

    float[] xs() {
        return x;
    }

    float[] ys() {
        return y;
    }

    float[] ws() {
        return w;
    }

    float[] hs() {
        return h;
    }

    float[] objectnessArray() {
        return objectness;
    }

    float[] probabilityArray() {
        return probs;
    }

    private void grow() {
        int c = x.length * 2;
        x = Arrays.copyOf(x, c);
        y = Arrays.copyOf(y, c);
        w = Arrays.copyOf(w, c);
        h = Arrays.copyOf(h, c);
        objectness = Arrays.copyOf(objectness, c);
        probs = Arrays.copyOf(probs, c * classes);
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("candidate " + i + " of " + size);
        }
    }
}
