package dev.trtpipe.uff;

/**
 * Window geometry shared by Conv, ConvTranspose and Pool: strides, dilations and pads as the exporter
 * wrote them. TLT writes explicit symmetric pads ({@code padding}: one value per spatial axis, or a
 * begin/end pair per axis); graphs converted straight from TensorFlow may instead say
 * {@code implicit_padding = same|valid}, which keeps TensorFlow's rule (SAME_UPPER).
 */
record Spatial(long[] strides, long[] dilations, long[] pads, boolean sameUpper) {

    static Spatial of(UffNode node, int spatialRank) {
        long[] strides = node.longs("strides").orElse(ones(spatialRank));
        long[] dilations = node.longs("dilation").orElse(ones(spatialRank));
        requireLength(node, "strides", strides, spatialRank);
        requireLength(node, "dilation", dilations, spatialRank);
        long[] pads = new long[2 * spatialRank];
        boolean same = false;
        long[] padding = node.longs("padding").orElse(null);
        if (padding != null) {
            if (padding.length == spatialRank) {
                for (int i = 0; i < spatialRank; i++) {
                    pads[i] = padding[i];
                    pads[i + spatialRank] = padding[i];
                }
            } else if (padding.length == 2 * spatialRank) {
                for (int i = 0; i < spatialRank; i++) {
                    pads[i] = padding[2 * i];
                    pads[i + spatialRank] = padding[2 * i + 1];
                }
            } else {
                throw node.problem("has " + padding.length + " padding values for " + spatialRank + " spatial axes");
            }
        } else {
            String implicit = node.string("implicit_padding", "valid").toLowerCase(java.util.Locale.ROOT);
            if (!implicit.equals("same") && !implicit.equals("valid")) {
                throw node.problem("has implicit_padding '" + implicit + "'; expected same or valid");
            }
            same = implicit.equals("same");
        }
        return new Spatial(strides, dilations, pads, same);
    }

    private static void requireLength(UffNode node, String field, long[] values, int n) {
        if (values.length != n) {
            throw node.problem("has " + values.length + " '" + field + "' values for " + n + " spatial axes");
        }
        for (long v : values) {
            if (v < 1) {
                throw node.problem("has '" + field + "' " + java.util.Arrays.toString(values) + "; each must be at least 1");
            }
        }
    }

    static long[] ones(int n) {
        long[] a = new long[n];
        java.util.Arrays.fill(a, 1);
        return a;
    }

    /** Output size of spatial axis {@code i} for input size {@code in} and kernel size {@code k}. */
    long outputSize(int i, long in, long k, boolean ceil) {
        if (sameUpper) {
            return (in + strides[i] - 1) / strides[i];
        }
        long span = in + pads[i] + pads[i + strides.length] - dilations[i] * (k - 1) - 1;
        return (ceil ? Math.floorDiv(span + strides[i] - 1, strides[i]) : Math.floorDiv(span, strides[i])) + 1;
    }

    void apply(dev.trtpipe.onnx.OnnxGraph.Node onnx, boolean withDilations) {
        onnx.ints("strides", strides);
        if (withDilations) {
            onnx.ints("dilations", dilations);
        }
        if (sameUpper) {
            onnx.attr("auto_pad", "SAME_UPPER");
        } else {
            onnx.ints("pads", pads);
        }
    }

    String text() {
        return "strides " + java.util.Arrays.toString(strides) + (sameUpper ? ", SAME_UPPER" : ", pads " + java.util.Arrays.toString(pads));
    }
}
