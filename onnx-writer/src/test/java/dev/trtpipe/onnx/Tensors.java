package dev.trtpipe.onnx;

import dev.trtpipe.darknet.YoloLayer;

/** Comparison helpers: the error measure of references.md §7 and darknet's in-place [yolo] forward. */
final class Tensors {

    private Tensors() {
    }

    /** {@code max|actual − expected| / max|expected|}. */
    static double relativeError(float[] actual, float[] expected) {
        if (actual.length != expected.length) {
            throw new AssertionError("length " + actual.length + " != " + expected.length);
        }
        double maxDiff = 0;
        double maxRef = 0;
        for (int i = 0; i < expected.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs((double) actual[i] - expected[i]));
            maxRef = Math.max(maxRef, Math.abs(expected[i]));
        }
        return maxRef == 0 ? maxDiff : maxDiff / maxRef;
    }

    /**
     * What darknet stores as a {@code [yolo]} output (references.md §2.3), from the raw head tensor:
     * logistic on x, y, objectness and classes unless {@code new_coords}; then, in AB only,
     * {@code x, y ← x·s − (s − 1)/2}.
     */
    static float[] yoloInPlace(float[] raw, YoloLayer yolo, boolean alexeyAB) {
        float[] out = raw.clone();
        int cells = yolo.output().height() * yolo.output().width();
        int perAnchor = 5 + yolo.classes();
        float s = yolo.scaleXY();
        for (int a = 0; a < yolo.mask().length; a++) {
            for (int k = 0; k < perAnchor; k++) {
                boolean logistic = !yolo.newCoords() && k != 2 && k != 3;
                boolean scaled = alexeyAB && k < 2;
                int base = (a * perAnchor + k) * cells;
                for (int i = base; i < base + cells; i++) {
                    float v = out[i];
                    if (logistic) {
                        v = (float) (1.0 / (1.0 + Math.exp(-v)));
                    }
                    if (scaled) {
                        v = v * s - (s - 1) * 0.5f;
                    }
                    out[i] = v;
                }
            }
        }
        return out;
    }
}
