package dev.trtpipe.detect.tao;

/**
 * A candidate as nvinfer's parsers produce it ({@code NvDsInferObjectDetectionInfo}): left/top/width/height
 * in network-input pixels, a class and a confidence.
 */
public record NetBox(int classId, float left, float top, float width, float height, float confidence) {

    public float right() {
        return left + width;
    }

    public float bottom() {
        return top + height;
    }

    /**
     * IoU as nvdsinfer's {@code nonMaximumSuppression} computes it (its {@code overlap1D}/{@code computeIoU}
     * lambdas): overlap of the spans {@code [left, left + width]}, 0 for an empty union.
     */
    public float iou(NetBox other) {
        float overlapX = overlap1D(left, right(), other.left, other.right());
        float overlapY = overlap1D(top, bottom(), other.top, other.bottom());
        float area1 = width * height;
        float area2 = other.width * other.height;
        float overlap2D = overlapX * overlapY;
        float u = area1 + area2 - overlap2D;
        return u == 0 ? 0 : overlap2D / u;
    }

    private static float overlap1D(float x1min, float x1max, float x2min, float x2max) {
        if (x1min > x2min) {
            float t = x1min;
            x1min = x2min;
            x2min = t;
            t = x1max;
            x1max = x2max;
            x2max = t;
        }
        return x1max < x2min ? 0 : Math.min(x1max, x2max) - x2min;
    }

    NetBox withConfidence(float c) {
        return new NetBox(classId, left, top, width, height, c);
    }
}
