package dev.trtpipe.detect.preprocess;

import java.util.Objects;

/**
 * darknet's {@code resize_image}, bit for bit: separable bilinear with the align-corners mapping, a
 * horizontal pass then a vertical one, every operation in float32 in darknet's order (docs:
 * darknet.md §7). Not OpenCV's or Java2D's bilinear, which use half-pixel centres.
 *
 * <p>One instance per geometry (source and output size): the source indices and weights of every output
 * column and row ({@link ResizeTaps}) are computed once; a {@link ResizeKernel} (Java or native) runs the
 * passes with them. Output rows can be produced in independent bands (in parallel): every value is computed
 * by the same operations, so the result does not depend on the banding. Immutable and thread-safe.
 */
final class DarknetResize {

    private final int inW;
    private final int inH;
    private final ResizeTaps cols;
    private final ResizeTaps rows;
    private final ResizeKernel kernel;

    DarknetResize(int inW, int inH, int outW, int outH, ResizeKernel kernel) {
        if (inW <= 0 || inH <= 0 || outW <= 0 || outH <= 0) {
            throw new IllegalArgumentException("resize sizes must be positive, got " + inW + "x" + inH + " -> " + outW + "x" + outH);
        }
        this.inW = inW;
        this.inH = inH;
        this.cols = ResizeTaps.horizontal(inW, outW);
        this.rows = ResizeTaps.vertical(inH, outH);
        this.kernel = Objects.requireNonNull(kernel, "kernel");
    }

    /** Whether this plan resizes a {@code width × height} source to {@code outWidth × outHeight}. */
    boolean fits(int width, int height, int outWidth, int outHeight) {
        return inW == width && inH == height && cols.size() == outWidth && rows.size() == outHeight;
    }

    /**
     * Resizes output rows {@code [rowFrom, rowTo)} of {@code src} into {@code target}.
     *
     * @throws IllegalArgumentException  {@code src} is not the size this plan is for
     * @throws IndexOutOfBoundsException the rows are not within the output, or the output not within the target
     */
    void resizeRows(RgbImage src, ResizeTarget target, int rowFrom, int rowTo) {
        if (src.width() != inW || src.height() != inH) {
            throw new IllegalArgumentException("a resize planned for " + inW + "x" + inH + " got a " + src.width() + "x" + src.height() + " image");
        }
        Objects.checkFromToIndex(rowFrom, rowTo, rows.size());
        target.checkHolds(cols.size(), rows.size());
        kernel.resizeRows(src, cols, rows, target, rowFrom, rowTo);
    }
}
