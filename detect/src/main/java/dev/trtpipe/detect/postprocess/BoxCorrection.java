package dev.trtpipe.detect.postprocess;

import dev.trtpipe.detect.preprocess.ImagePlacement;

/**
 * Maps boxes from network-input coordinates to the original image (PJ {@code correct_yolo_boxes}; AB
 * with {@code letter=1}): undoes the letterbox offset and scale. A plain resize needs nothing — the
 * relative box already is relative to the image.
 */
final class BoxCorrection {

    private BoxCorrection() {
    }

    static void toImage(Candidates c, ImagePlacement p) {
        if (!p.letterbox()) {
            return;
        }
        int netW = p.netWidth();
        int netH = p.netHeight();
        int newW = p.scaledWidth();
        int newH = p.scaledHeight();
        // darknet: b.x = (b.x - (netw - new_w)/2./netw) / ((float)new_w/netw); b.w *= (float)netw/new_w;
        double shiftX = (netW - newW) / 2. / netW;
        double shiftY = (netH - newH) / 2. / netH;
        float ratioX = (float) newW / netW;
        float ratioY = (float) newH / netH;
        float growX = (float) netW / newW;
        float growY = (float) netH / newH;
        float[] x = c.xs();
        float[] y = c.ys();
        float[] w = c.ws();
        float[] h = c.hs();
        for (int i = 0; i < c.size(); i++) {
            x[i] = (float) ((x[i] - shiftX) / ratioX);
            y[i] = (float) ((y[i] - shiftY) / ratioY);
            w[i] *= growX;
            h[i] *= growY;
        }
    }
}
