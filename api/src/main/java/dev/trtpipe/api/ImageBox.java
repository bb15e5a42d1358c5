package dev.trtpipe.api;

/**
 * A box in image pixels: inclusive corners, as darknet draws them ({@code (int)} of the box edge times the
 * image size, clamped to the image).
 *
 * @param left   first column
 * @param top    first row
 * @param right  last column
 * @param bottom last row
 */
public record ImageBox(int left, int top, int right, int bottom) {

    /**
     * The box's width in pixels ({@code right - left}, as darknet counts it).
     *
     * @return the width
     */
    public int width() {
        return right - left;
    }

    /**
     * The box's height in pixels ({@code bottom - top}).
     *
     * @return the height
     */
    public int height() {
        return bottom - top;
    }
}
