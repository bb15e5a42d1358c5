package dev.trtpipe.uff;

/**
 * ResizeNearest_TRT (TLT YOLOv3/v4 and Mask R-CNN necks, field {@code scale}): an NCHW map enlarged by
 * {@code scale} in H and W, output size {@code int(H * scale)}, each output pixel reading input pixel
 * {@code int(o / scale)} (resize_nearest_kernel_2d in TensorRT's maskRCNNKernels.cu) — ONNX {@code Resize}
 * nearest with asymmetric coordinates and floor rounding. Not the plugin: it is implicit-batch (IPluginV2Ext),
 * like GridAnchor_TRT and BatchTilePlugin_TRT, which TensorRT 10.6's ONNX parser rejected.
 */
final class ResizeNearestTranslator implements UffTranslator {

    @Override
    public void translate(UffNode node, UffTranslation t) {
        if (node.inputs().size() != 1) {
            throw node.problem("has " + node.inputs().size() + " inputs; ResizeNearest_TRT takes one NCHW map");
        }
        double scale = node.field("scale").map(d -> switch (d.getDataOneofCase()) {
            case D -> d.getD();
            case I -> (double) d.getI();
            default -> throw node.problem("field 'scale' is " + d.getDataOneofCase() + ", expected a number");
        }).orElseThrow(() -> node.problem("has no 'scale' field (ResizeNearest_TRT needs it)"));
        if (!(scale > 0)) {
            throw node.problem("has scale " + scale + "; ResizeNearest_TRT needs a positive scale");
        }
        String in = t.tensor(node.input(0));
        long[] shape = t.shape(node.input(0));
        if (shape != null && shape.length != 4) {
            throw node.problem("resizes '" + node.input(0) + "' of shape " + UffTranslation.text(shape) + "; ResizeNearest_TRT needs N, C, H, W");
        }
        float s = (float) scale;
        String scales = t.onnx().addInitializer(t.scratch(node, "scales"), new long[] {4}, new float[] {1f, 1f, s, s});
        t.onnx().node("Resize", node.id()).inputs(in, "", scales).output(node.id()).attr("mode", "nearest")
                .attr("coordinate_transformation_mode", "asymmetric").attr("nearest_mode", "floor").add();
        t.define(node.id(), shape == null ? null : new long[] {shape[0], shape[1], scaled(shape[2], s), scaled(shape[3], s)});
        t.note(node.id() + ": ResizeNearest_TRT written as ONNX Resize (nearest, asymmetric, floor), as the plugin's kernel reads "
                + "int(o / scale); TensorRT 10's ONNX parser cannot give the implicit-batch plugin's dimensions");
    }

    private static long scaled(long dim, float scale) {
        return dim < 0 ? dim : (long) (dim * scale);
    }

    @Override
    public String describe(UffNode node) {
        return "Resize nearest (asymmetric, floor) (replaces implicit-batch ResizeNearest_TRT)";
    }
}
