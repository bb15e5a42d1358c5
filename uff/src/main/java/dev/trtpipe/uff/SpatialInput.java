package dev.trtpipe.uff;

/**
 * The data input of a convolution or pooling node: its ONNX tensor and shape, checked to be known and laid
 * out channels first (the translation writes NCHW; a channels-last node is refused with its name).
 *
 * @param name  the ONNX tensor the node reads
 * @param shape its shape, N, C, then the spatial axes
 */
record SpatialInput(String name, long[] shape) {

    static SpatialInput of(UffNode node, UffTranslation t) {
        String x = t.tensor(node.input(0));
        long[] in = t.shape(x);
        if (in == null) {
            throw node.problem("reads a tensor of unknown shape");
        }
        DimOrders.requireChannelsFirst(node, in.length);
        return new SpatialInput(x, in);
    }

    int rank() {
        return shape.length;
    }
}
