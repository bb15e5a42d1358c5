package dev.trtpipe.detect.postprocess;

import dev.trtpipe.darknet.DetectionSpec.Head;

/**
 * {@code [region]} (YOLOv2) decoding as darknet's forward pass plus {@code get_region_detections}
 * (darknet.md §6.12): logistic on x, y and objectness, softmax over the classes, anchors in grid cells,
 * candidates in darknet's order (anchor-major). Assumes {@code softmax=1}, {@code coords=4}, no
 * softmax tree — every YOLOv2 cfg in darknet.
 */
final class RegionDecoder implements HeadDecoder {

    private final int gridW;
    private final int gridH;
    private final int classes;
    private final int anchorCount;
    private final float[] anchors;

    RegionDecoder(Head head) {
        this.gridW = head.gridWidth();
        this.gridH = head.gridHeight();
        this.classes = head.classes();
        this.anchorCount = head.anchorCount();
        this.anchors = head.anchors();
    }

    @Override
    public int itemSize() {
        return anchorCount * (5 + classes) * gridW * gridH;
    }

    @Override
    public void decode(float[] raw, int offset, float threshold, Candidates out) {
        int plane = gridW * gridH;
        int anchorStride = (5 + classes) * plane;
        float cutoff = Logistic.cutoff(threshold);
        float[] softmax = new float[classes];
        for (int a = 0; a < anchorCount; a++) {
            for (int cell = 0; cell < plane; cell++) {
                int base = offset + a * anchorStride + cell;
                float rawObj = raw[base + 4 * plane];
                if (!(rawObj > cutoff)) {
                    continue; // darknet keeps it with objectness 0, which NMS then drops
                }
                float obj = Logistic.apply(rawObj);
                int row = cell / gridW;
                int col = cell % gridW;
                float bx = (col + Logistic.apply(raw[base])) / gridW;
                float by = (row + Logistic.apply(raw[base + plane])) / gridH;
                float bw = (float) (Math.exp(raw[base + 2 * plane]) * anchors[2 * a] / gridW);
                float bh = (float) (Math.exp(raw[base + 3 * plane]) * anchors[2 * a + 1] / gridH);
                int i = out.add(bx, by, bw, bh, obj);
                softmax(raw, base + 5 * plane, plane, softmax);
                for (int k = 0; k < classes; k++) {
                    float p = obj * softmax[k];
                    if (p > threshold) {
                        out.setProbability(i, k, p);
                    }
                }
            }
        }
    }

    /** darknet's {@code softmax(input, n, temp = 1, stride, output)}: float sums, double exp. */
    private static void softmax(float[] raw, int start, int stride, float[] out) {
        float largest = -Float.MAX_VALUE;
        for (int k = 0; k < out.length; k++) {
            largest = Math.max(largest, raw[start + k * stride]);
        }
        float sum = 0;
        for (int k = 0; k < out.length; k++) {
            float e = (float) Math.exp(raw[start + k * stride] - largest);
            sum += e;
            out[k] = e;
        }
        for (int k = 0; k < out.length; k++) {
            out[k] /= sum;
        }
    }
}
