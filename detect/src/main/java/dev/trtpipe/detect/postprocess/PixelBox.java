package dev.trtpipe.detect.postprocess;

/** Integer pixel corners, inclusive, exactly as darknet's {@code draw_detections} computes them. */
public record PixelBox(int left, int top, int right, int bottom) {

    /**
     * darknet's rule: {@code (int)((x − w/2.)·imW)} etc. in double, truncated toward zero, then
     * {@code left, top ≥ 0}, {@code right ≤ imW − 1}, {@code bottom ≤ imH − 1}.
     */
    public static PixelBox of(Box box, int imageWidth, int imageHeight) {
        int left = (int) ((box.x() - box.w() / 2.0) * imageWidth);
        int right = (int) ((box.x() + box.w() / 2.0) * imageWidth);
        int top = (int) ((box.y() - box.h() / 2.0) * imageHeight);
        int bottom = (int) ((box.y() + box.h() / 2.0) * imageHeight);
        return new PixelBox(Math.max(left, 0), Math.max(top, 0),
                Math.min(right, imageWidth - 1), Math.min(bottom, imageHeight - 1));
    }

    public int width() {
        return right - left;
    }

    public int height() {
        return bottom - top;
    }
}
