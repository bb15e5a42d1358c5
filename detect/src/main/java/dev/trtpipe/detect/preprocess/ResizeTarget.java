package dev.trtpipe.detect.preprocess;

import java.util.Objects;

/**
 * Where a resize writes its output: a planar (CHW) float tensor of {@code width × height} per channel at
 * {@code offset} in {@code data}, with the resized image's top-left pixel at ({@code x0}, {@code y0}) — so
 * channel c, output row y, column x goes to {@code data[offset + c·width·height + (y0 + y)·width + x0 + x]}.
 */
record ResizeTarget(float[] data, int offset, int width, int height, int x0, int y0) {

    ResizeTarget {
        Objects.requireNonNull(data, "data");
    }

    /**
     * @throws IndexOutOfBoundsException an {@code outW × outH} image at ({@code x0}, {@code y0}) does not
     *                                   lie within the tensor, or the tensor not within {@code data}
     */
    void checkHolds(int outW, int outH) {
        if (x0 < 0 || y0 < 0 || outW > width - x0 || outH > height - y0 || offset < 0
                || 3L * width * height > data.length - (long) offset) {
            throw new IndexOutOfBoundsException("a " + outW + "x" + outH + " image at (" + x0 + ", " + y0 + ") does not fit a 3x"
                    + height + "x" + width + " tensor at offset " + offset + " of " + data.length + " floats");
        }
    }
}
