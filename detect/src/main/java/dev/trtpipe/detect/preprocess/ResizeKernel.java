package dev.trtpipe.detect.preprocess;

/**
 * The row loop of {@link DarknetResize}: darknet's horizontal pass over the source rows that output rows
 * {@code [rowFrom, rowTo)} blend, then its vertical pass, written into the target. Every implementation
 * computes each value with darknet's float operations in darknet's order, so all give the same bits; they
 * differ only in speed. Callers have checked the geometry (the taps fit {@code src}, the rows fit the
 * vertical taps, the output fits the target), so an implementation need not.
 */
interface ResizeKernel {

    void resizeRows(RgbImage src, ResizeTaps cols, ResizeTaps rows, ResizeTarget target, int rowFrom, int rowTo);
}
