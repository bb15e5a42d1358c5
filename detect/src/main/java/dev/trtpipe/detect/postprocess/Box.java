package dev.trtpipe.detect.postprocess;

/**
 * A box as darknet keeps it: centre and size, relative (0–1) to the network input while decoding and
 * to the original image after {@link Postprocessor} has mapped it back.
 */
public record Box(float x, float y, float w, float h) {

    /**
     * Intersection over union with {@code other} (0 for disjoint or empty boxes), in double: for comparing
     * detections. NMS keeps its own float version in darknet's order of operations.
     */
    public double iou(Box other) {
        double iw = Math.min(x + w / 2.0, other.x + other.w / 2.0) - Math.max(x - w / 2.0, other.x - other.w / 2.0);
        double ih = Math.min(y + h / 2.0, other.y + other.h / 2.0) - Math.max(y - h / 2.0, other.y - other.h / 2.0);
        if (iw <= 0 || ih <= 0) {
            return 0;
        }
        double intersection = iw * ih;
        return intersection / ((double) w * h + (double) other.w * other.h - intersection);
    }
}
