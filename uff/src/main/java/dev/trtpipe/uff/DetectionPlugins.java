package dev.trtpipe.uff;

/**
 * The plugin translator for the detection heads of TLT SSD/DSSD/RetinaNet/YOLOv3 exports: GridAnchor_TRT /
 * GridAnchorRect_TRT, FlattenConcat_TRT, NMS_TRT, BatchedNMS_TRT, BatchTilePlugin_TRT ({@link BatchTileTranslator}) and
 * ResizeNearest_TRT ({@link ResizeNearestTranslator});
 * every other plugin goes to {@code plugins}.
 *
 * <p>GridAnchor's outputs are batch-less ({@code [2, n*4, 1]}); the UFF graph counts its concat axis with a
 * batch, so each output gets a leading 1 ({@code [1, 2, n*4, 1]}, the prior layout NMSDynamic_TRT reads). The
 * anchors are always constants computed by {@link GridAnchors} (TensorRT 10 cannot build the implicit-batch
 * plugin from ONNX), and FlattenConcat is always Reshape + Concat for the same reason. With
 * {@link UffTranslationOptions#plainNms()} the NMS plugins become standard ONNX ops ({@link PlainNms}), so the
 * translated detector runs on ONNX Runtime too.
 */
final class DetectionPlugins implements UffTranslator {

    private final PluginTranslator plugins;
    private final UffTranslator batchTile = new BatchTileTranslator();
    private final UffTranslator resizeNearest = new ResizeNearestTranslator();

    DetectionPlugins(PluginTranslator plugins) {
        this.plugins = plugins;
    }

    @Override
    public void translate(UffNode node, UffTranslation t) {
        boolean plain = t.options().plainNms();
        switch (PluginTranslator.pluginName(node)) {
            case "GridAnchor_TRT", "GridAnchorRect_TRT" -> gridAnchors(node, t);
            case "FlattenConcat_TRT" -> flattenConcat(node, t);
            case "NMS_TRT" -> {
                noteKeepTopKAboveTopK(node, t);
                if (!plain) {
                    noteTopKAboveBoxes(node, t, (int) node.longs("inputOrder").orElse(DEFAULT_INPUT_ORDER)[0]);
                }
                if (plain) {
                    PlainNms.nmsTrt(node, t);
                } else {
                    nmsDynamic(node, t);
                }
            }
            case "BatchedNMS_TRT" -> {
                noteKeepTopKAboveTopK(node, t);
                if (!plain) {
                    noteTopKAboveBoxes(node, t, 0);
                }
                if (plain) {
                    PlainNms.batchedNms(node, t);
                } else {
                    plugins.translate(node, t);
                }
            }
            case "BatchTilePlugin_TRT" -> batchTile.translate(node, t);
            case "ResizeNearest_TRT" -> resizeNearest.translate(node, t);
            default -> plugins.translate(node, t);
        }
    }

    /**
     * TensorRT's NMS plugins write nothing when keepTopK exceeds topK (gatherTopDetections / gatherNMSOutputs return
     * before their loop: count 0, rows left as they were), which is how a BatchedNMS engine with topK 10 and keepTopK
     * 20 kept no box; the translation keeps the fields as the model has them and says so.
     */
    private static void noteKeepTopKAboveTopK(UffNode node, UffTranslation t) {
        long topK = integer(node, "topK"), keepTopK = integer(node, "keepTopK");
        if (topK >= 0 && keepTopK > topK) {
            t.note(node.id() + ": keepTopK " + keepTopK + " > topK " + topK + ": TensorRT's " + PluginTranslator.pluginName(node)
                    + " then returns no detections at all (its gather kernel stops at once); the plain ONNX NMS keeps up to topK per class");
        }
    }

    /**
     * TensorRT 10.6's NMS plugins sort each image's NMS survivors (sortScoresPerImage, numClasses x topK entries per image)
     * into the workspace buffers that detectionInference and nmsInference size for numClasses x boxes entries; with topK
     * above the boxes per image the sort writes past them into the index buffer and its own input. On the H200 every image
     * after the first in a batch came out wrong and the first lost a detection (docs/uff-plugins.md). TLT's exports have
     * thousands of boxes per image for a topK of a few hundred; a model that does not is told so, as the plain ONNX NMS has
     * no such limit.
     */
    private static void noteTopKAboveBoxes(UffNode node, UffTranslation t, int boxesInput) {
        long topK = integer(node, "topK");
        if (topK < 0 || boxesInput < 0 || boxesInput >= node.inputs().size()) {
            return;
        }
        long[] shape = t.shape(t.tensor(node.input(boxesInput)));
        if (shape == null || !Shapes.known(shape, 1)) {
            return;
        }
        long boxes = Shapes.product(shape, 1) / 4;
        if (topK > boxes) {
            t.note(node.id() + ": topK " + topK + " > the " + boxes + " boxes per image: TensorRT 10.6's " + PluginTranslator.pluginName(node)
                    + " engines then overrun their sort buffers (sized for " + boxes + " boxes): every image after the first in a batch"
                    + " comes out wrong, the first may lose detections; use a topK of at most " + boxes + ", or the plain ONNX NMS");
        }
    }

    /** An integer field's value, -1 when absent or not an integer (the creator would refuse it then anyway). */
    private static long integer(UffNode node, String key) {
        return node.field(key).filter(d -> d.getDataOneofCase() == dev.trtpipe.uff.proto.Uff.Data.DataOneofCase.I).map(d -> d.getI())
                .orElse(-1L);
    }

    /** NMS_TRT's creator default when the node has no inputOrder: loc, priors, conf (nmsPlugin.cpp createPlugin). */
    static final long[] DEFAULT_INPUT_ORDER = {0, 2, 1};

    /**
     * NMS_TRT as NMSDynamic_TRT, its priors given once per image: NMSDynamic_TRT's enqueue passes
     * {@code isBatchAgnostic = false} to detectionInference, so decodeBBoxes reads image n's priors at
     * {@code n * 2 * numPriors * 4}; the batch-less constant priors ([1, 2, P*4, 1]) would leave every image after the
     * first decoding against memory past their end. The priors are broadcast to the batch by adding
     * {@code 0 * loc[:, 0:1]} ([N, 1, 1, 1]): an elementwise broadcast keeps 2 and P*4 static dimensions, which the
     * plugin's configurePlugin needs (numPriors = d[2] / 4), where an Expand to a computed shape depends on the
     * builder folding that shape.
     */
    private void nmsDynamic(UffNode node, UffTranslation t) {
        long[] order = node.longs("inputOrder").orElse(DEFAULT_INPUT_ORDER);
        if (order.length != 3 || node.inputs().size() != 3 || java.util.Arrays.stream(order).anyMatch(i -> i < 0 || i > 2)
                || java.util.Arrays.stream(order).distinct().count() != 3) {
            throw node.problem("has inputOrder " + java.util.Arrays.toString(order) + " over " + node.inputs().size()
                    + " inputs; NMS_TRT takes three (loc, conf, priors) and an inputOrder that is a permutation of 0, 1, 2");
        }
        String[] inputs = node.inputs().stream().map(t::tensor).toArray(String[]::new);
        int loc = (int) order[0], priors = (int) order[2];
        String first = t.scratch(node, "loc_first");
        t.onnx().node("Slice", first).inputs(inputs[loc], t.onnx().int64Constant(0), t.onnx().int64Constant(1), t.onnx().int64Constant(1))
                .output(first).add();
        String zeros = t.scratch(node, "batch_zeros");
        t.onnx().node("Mul", zeros).inputs(first, t.onnx().floatConstant(0f)).output(zeros).add();
        String perImage = t.scratch(node, "priors");
        t.onnx().node("Add", perImage).inputs(inputs[priors], zeros).output(perImage).add();
        inputs[priors] = perImage;
        t.note(node.id() + ": priors '" + node.input(priors) + "' broadcast to the batch (NMSDynamic_TRT reads one prior set per image)");
        plugins.translate(node, t, inputs);
    }

    /**
     * GridAnchor_TRT / GridAnchorRect_TRT in both modes: the priors depend only on the plugin's fields, never on
     * its input's values, so they are written as initializers computed by {@link GridAnchors}. Why not the plugin:
     * it is implicit-batch (IPluginV2Ext, fed a dummy input) and TensorRT 10's explicit-batch ONNX parser gets no
     * usable dimensions from it ("concat_priorbox ITensor::getDimensions: Error Code 4").
     */
    private static void gridAnchors(UffNode node, UffTranslation t) {
        float[][] layers;
        try {
            layers = GridAnchors.of(node);
        } catch (IllegalArgumentException e) {
            throw node.problem(e.getMessage());
        }
        for (int k = 0; k < layers.length; k++) {
            String name = k == 0 ? node.id() : node.id() + ":" + k;
            // the plugin's [2, n*4, 1] with a leading 1: the UFF's concat axis 2 counts a batch, NMS reads [1, 2, P*4, 1]
            long[] shape = {1, 2, layers[k].length / 2, 1};
            t.onnx().addInitializer(name, shape, layers[k]);
            t.define(name, shape);
        }
        t.note(node.id() + ": " + PluginTranslator.pluginName(node) + " written as constant priors (" + layers.length
                + " layers, computed from its fields); TensorRT 10's ONNX parser cannot give the implicit-batch plugin's dimensions");
    }

    /**
     * FlattenConcat_TRT in both modes: every input flattened per image, concatenated: {@code [N, sum, 1, 1]}. Not the
     * plugin: it is implicit-batch (IPluginV2Ext) like GridAnchor_TRT and BatchTilePlugin_TRT, which TensorRT 10.6's
     * ONNX parser rejected; Reshape + Concat is exact and already built on TensorRT 10.6 in the plain-ONNX SSD.
     */
    private static void flattenConcat(UffNode node, UffTranslation t) {
        String[] flat = new String[node.inputs().size()];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = t.scratch(node, "flat");
            t.onnx().node("Reshape", flat[i]).inputs(t.tensor(node.input(i)), t.onnx().int64Constant(0, -1, 1, 1)).output(flat[i]).add();
        }
        t.onnx().node("Concat", node.id()).inputs(flat).output(node.id()).attr("axis", 1L).add();
        t.define(node.id(), flattenedShape(node, t));
        t.note(node.id() + ": FlattenConcat_TRT written as Reshape + Concat (the implicit-batch plugin has no TensorRT 10 ONNX form)");
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
        String plugin = PluginTranslator.pluginName(node);
        if (plugin.equals("BatchTilePlugin_TRT")) {
            return batchTile.describe(node);
        }
        if (plugin.equals("ResizeNearest_TRT")) {
            return resizeNearest.describe(node);
        }
        if (plugin.equals("FlattenConcat_TRT")) {
            return "Reshape [N, -1, 1, 1] per input + Concat (replaces implicit-batch FlattenConcat_TRT)";
        }
        return plugin.startsWith("GridAnchor") ? "constant priors computed from " + plugin + "'s fields (initializers [1, 2, n*4, 1])"
                : plugins.describe(node);
    }
}
