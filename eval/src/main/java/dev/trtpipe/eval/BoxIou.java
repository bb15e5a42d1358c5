package dev.trtpipe.eval;

/** The overlap measures of the two reference tools, each in its own arithmetic. */
final class BoxIou {

    private BoxIou() {
    }

    /**
     * pycocotools' {@code bbIou} (maskApi.c), in double on {@code [x, y, w, h]} boxes: for a crowd ground
     * truth the union is the detection's own area, so a detection inside a crowd region has IoU 1.
     */
    static double coco(double dx, double dy, double dw, double dh, double gx, double gy, double gw, double gh, boolean crowd) {
        double w = Math.min(dw + dx, gw + gx) - Math.max(dx, gx);
        if (w <= 0) {
            return 0;
        }
        double h = Math.min(dh + dy, gh + gy) - Math.max(dy, gy);
        if (h <= 0) {
            return 0;
        }
        double i = w * h;
        double da = dw * dh;
        double u = crowd ? da : da + gw * gh - i;
        return i / u;
    }

    /** darknet's {@code box_iou} (box.c), in float on centre/size boxes relative to the image. */
    static float darknet(float ax, float ay, float aw, float ah, float bx, float by, float bw, float bh) {
        float w = overlap(ax, aw, bx, bw);
        float h = overlap(ay, ah, by, bh);
        if (w < 0 || h < 0) {
            return 0;
        }
        float intersection = w * h;
        float union = aw * ah + bw * bh - intersection;
        if (intersection == 0 || union == 0) {
            return 0;
        }
        return intersection / union;
    }

    private static float overlap(float x1, float w1, float x2, float w2) {
        float l1 = x1 - w1 / 2;
        float l2 = x2 - w2 / 2;
        float left = Math.max(l1, l2);
        float r1 = x1 + w1 / 2;
        float r2 = x2 + w2 / 2;
        float right = Math.min(r1, r2);
        return right - left;
    }
}
