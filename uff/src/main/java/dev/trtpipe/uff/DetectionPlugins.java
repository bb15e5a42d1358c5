package dev.trtpipe.uff;

/**
 * The plugin translator for the detection heads of TLT SSD/DSSD/RetinaNet/YOLOv3 exports: GridAnchor_TRT /
 * GridAnchorRect_TRT, FlattenConcat_TRT, NMS_TRT and BatchedNMS_TRT; every other plugin goes to {@code plugins}.
 *
 * <p>GridAnchor's outputs are batch-less ({@code [2, n*4, 1]}); the UFF graph counts its concat axis with a
 * batch, so each output gets a leading 1 ({@code [1, 2, n*4, 1]}, the prior layout NMSDynamic_TRT reads).
 * With {@link UffTranslationOptions#plainNms()} the anchors become constants computed by {@link GridAnchors},
 * FlattenConcat becomes Reshape + Concat and the NMS plugins become standard ONNX ops ({@link PlainNms}),
 * so the translated detector runs on ONNX Runtime too.
 */
final class DetectionPlugins implements UffTranslator {

    private final UffTranslator plugins;

    DetectionPlugins(UffTranslator plugins) {
        this.plugins = plugins;
    }

    @Override
    public void translate(UffNode node, UffTranslation t) {
        boolean plain = t.options().plainNms();
        switch (PluginTranslator.pluginName(node)) {
            case "GridAnchor_TRT", "GridAnchorRect_TRT" -> gridAnchors(node, t, plain);
            case "FlattenConcat_TRT" -> {
                if (plain) {
                    flattenConcat(node, t);
                } else {
                    plugins.translate(node, t);
                    t.define(node.id(), flattenedShape(node, t));
                }
            }
            case "NMS_TRT" -> {
                if (plain) {
                    PlainNms.nmsTrt(node, t);
                } else {
                    plugins.translate(node, t);
                }
            }
            case "BatchedNMS_TRT" -> {
                if (plain) {
                    PlainNms.batchedNms(node, t);
                } else {
                    plugins.translate(node, t);
                }
            }
            default -> plugins.translate(node, t);
        }
    }

    private static void gridAnchors(UffNode node, UffTranslation t, boolean plain) {
        float[][] layers;
        try {
            layers = GridAnchors.of(node);
        } catch (IllegalArgumentException e) {
            throw node.problem(e.getMessage());
        }
        String[] names = new String[layers.length];
        String[] raw = new String[layers.length];
        for (int k = 0; k < layers.length; k++) {
            names[k] = k == 0 ? node.id() : node.id() + ":" + k;
            raw[k] = node.id() + "/plugin_output_" + k;
        }
        if (!plain) {
            PluginTranslator.emit(node, t, PluginTranslator.pluginName(node), raw);
        }
        for (int k = 0; k < layers.length; k++) {
            long[] shape = {1, 2, layers[k].length / 2, 1};
            if (plain) {
                t.onnx().addInitializer(names[k], shape, layers[k]);
            } else {
                t.onnx().node("Unsqueeze", names[k] + "/batch").inputs(raw[k], t.onnx().int64Constant(0)).output(names[k]).add();
            }
            t.define(names[k], shape);
        }
    }

    /** FlattenConcat_TRT: every input flattened per image, concatenated: {@code [N, sum, 1, 1]}. */
    private static void flattenConcat(UffNode node, UffTranslation t) {
        String[] flat = new String[node.inputs().size()];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = t.scratch(node, "flat");
            t.onnx().node("Reshape", flat[i]).inputs(t.tensor(node.input(i)), t.onnx().int64Constant(0, -1, 1, 1)).output(flat[i]).add();
        }
        t.onnx().node("Concat", node.id()).inputs(flat).output(node.id()).attr("axis", 1L).add();
        t.define(node.id(), flattenedShape(node, t));
    }

    private static long[] flattenedShape(UffNode node, UffTranslation t) {
        long sum = 0;
        for (String in : node.inputs()) {
            long[] s = t.shape(in);
            if (s == null || !Shapes.known(s, 1)) {
                return null;
            }
            sum += Shapes.product(s, 1);
        }
        return new long[] {UffTranslation.BATCH, sum, 1, 1};
    }

    @Override
    public String describe(UffNode node) {
        String d = plugins.describe(node);
        return PluginTranslator.pluginName(node).startsWith("GridAnchor") ? d + " + Unsqueeze (a batch of 1 for the priors)" : d;
    }
}
