package dev.trtpipe.detect.postprocess;

import dev.trtpipe.darknet.DetectionSpec.Head;

/**
 * {@code [yolo]} decoding as darknet's forward pass plus {@code get_yolo_detections} (darknet.md §6.11,
 * §8.1): cells row-major, anchors within a cell; logistic on x, y, objectness and classes unless
 * {@code new_coords}; AB's {@code scale_x_y} mapping; anchors in input pixels. Float and double steps
 * follow darknet's C expressions so the boxes round the same way.
 */
final class YoloDecoder implements HeadDecoder {

    private final int gridW;
    private final int gridH;
    private final int classes;
    private final int anchorCount;
    private final float[] anchors;
    private final int netWidth;
    private final int netHeight;
    private final boolean newCoords;
    private final float scale;
    private final float shift;

    YoloDecoder(Head head, int netWidth, int netHeight) {
        this.gridW = head.gridWidth();
        this.gridH = head.gridHeight();
        this.classes = head.classes();
        this.anchorCount = head.anchorCount();
        this.anchors = head.anchors();
        this.netWidth = netWidth;
        this.netHeight = netHeight;
        this.newCoords = head.newCoords();
        this.scale = head.scaleXY();
        // AB: scal_add_cpu(..., scale_x_y, -0.5*(scale_x_y - 1), ...): the shift is passed as float
        this.shift = (float) (-0.5 * (scale - 1));
    }

    @Override
    public int itemSize() {
        return anchorCount * (5 + classes) * gridW * gridH;
    }

    @Override
    public void decode(float[] raw, int offset, float threshold, Candidates out) {
        int plane = gridW * gridH;
        int anchorStride = (5 + classes) * plane;
        // with activations, compare raw values against the logistic's exact cutoff and skip the exp
        float cutoff = ObjectnessCutoff.of(newCoords, threshold);
        // rows and columns as nested loops, not cell / gridW and cell % gridW: two integer divisions per
        // cell cost more than the rest of the scan over the (mostly sub-threshold) objectness values
        for (int row = 0, cell = 0; row < gridH; row++) {
            for (int col = 0; col < gridW; col++, cell++) {
                for (int a = 0; a < anchorCount; a++) {
                    int base = offset + a * anchorStride + cell;
                    if (raw[base + 4 * plane] > cutoff) {
                        decodeSlot(raw, base, row, col, a, threshold, cutoff, out);
                    }
                }
            }
        }
    }

    /** One slot above the objectness threshold: its box and the class probabilities above the threshold. */
    private void decodeSlot(float[] raw, int base, int row, int col, int a, float threshold, float cutoff, Candidates out) {
        int plane = gridW * gridH;
        float obj = activate(raw[base + 4 * plane]);
        float tx = activate(raw[base]) * scale + shift;
        float ty = activate(raw[base + plane]) * scale + shift;
        float tw = raw[base + 2 * plane];
        float th = raw[base + 3 * plane];
        float bx = (col + tx) / gridW;
        float by = (row + ty) / gridH;
        float bw;
        float bh;
        if (newCoords) {
            bw = tw * tw * 4 * anchors[2 * a] / netWidth;
            bh = th * th * 4 * anchors[2 * a + 1] / netHeight;
        } else {
            bw = (float) (Math.exp(tw) * anchors[2 * a] / netWidth);
            bh = (float) (Math.exp(th) * anchors[2 * a + 1] / netHeight);
        }
        int i = out.add(bx, by, bw, bh, obj);
        int classBase = base + 5 * plane;
        for (int k = 0; k < classes; k++) {
            float rawClass = raw[classBase + k * plane];
            // obj <= 1, so obj·c > threshold needs c > threshold, i.e. rawClass > cutoff
            if (rawClass > cutoff) {
                float p = obj * activate(rawClass);
                if (p > threshold) {
                    out.setProbability(i, k, p);
                }
            }
        }
    }

    private float activate(float x) {
        return newCoords ? x : Logistic.apply(x);
    }
}
