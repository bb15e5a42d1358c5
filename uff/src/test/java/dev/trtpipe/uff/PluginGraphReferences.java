package dev.trtpipe.uff;

import dev.trtpipe.uff.NaiveUffInterpreter.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The NMS graphs of {@link TltPluginGraphs} with seeded inputs and the outputs their plugins must give, computed in
 * Java from the plugins' definitions: the heads in front of the plugin by {@link NaiveUffInterpreter} (straight from
 * the UFF ops), the priors by {@link GridAnchors} (gridAnchorPlugin.cpp's formula), the NMS by {@link NmsReference}
 * (nmsPlugin / batchedNMSPlugin kernels). Nothing here runs a translation. The GPU check (gpu/uff-plugins.sh) compares
 * the plugin engines with these, {@link PluginGraphReferencesTest} the plain-ONNX translations on ONNX Runtime.
 */
final class PluginGraphReferences {

    static final int BATCH = 2;

    /**
     * fp16 engines against the references. A detection of the engine is the reference's when label, score and every box
     * coordinate agree within {@link #FP16_TOLERANCE}. The decisions half precision can turn: the graphs' weights (1/256
     * grid) and inputs (1/64 grid) are exact in half, so a head's value is only rounded once, to half's 11 bits: logits up
     * to about 6 by at most 2e-3, which moves a sigmoid score by at most 5e-4, and the plugin's own half arithmetic
     * (sigmoid, decoding, scores and corners stored in half) adds up to 2.5e-4 on a score and about 1e-3 on a corner, which
     * moves the IoU of a 0.05-wide box by up to 2e-2. So a
     * score within {@link #FP16_DECISION_SCORE} of the threshold, a cut or another score, or an IoU within
     * {@link #FP16_DECISION_IOU} of the IoU threshold may decide the other way ({@link NmsReference#fragile}); nothing else
     * may.
     */
    static final double FP16_TOLERANCE = 2e-2;
    static final double FP16_DECISION_SCORE = 2e-3;
    static final double FP16_DECISION_IOU = 2e-2;

    /** How an output is compared: within a tolerance, exactly, exactly as a keep count (int32 bits or number), or NMS_TRT rows. */
    enum Kind {
        VALUES, EXACT, COUNT, NMS_ROWS;

        String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One output the engine must give: its name, shape and values. */
    record Expected(String output, long[] shape, float[] values, Kind kind) {
    }

    /**
     * A graph, its inputs, its expected outputs and, for NMS graphs, the detections an fp16 engine may keep or drop
     * unlike the reference ({@link NmsReference#fragile} at {@link #FP16_DECISION_SCORE} and {@link #FP16_DECISION_IOU}):
     * rows of (image, label, score, xmin, ymin, xmax, ymax), none for other graphs.
     */
    record Case(String name, UffGraphBuilder graph, Map<String, Tensor> inputs, List<Expected> expected, float[] fp16Fragile) {

        Case(String name, UffGraphBuilder graph, Map<String, Tensor> inputs, List<Expected> expected) {
            this(name, graph, inputs, expected, new float[0]);
        }

        /** Kept detections per image (from the count output; none for a graph without one), to show the comparison means something. */
        int[] kept() {
            Expected count = expected.stream().filter(e -> e.kind() == Kind.COUNT).findFirst().orElse(null);
            if (count == null) {
                return new int[0];
            }
            int[] k = new int[count.values().length];
            for (int i = 0; i < k.length; i++) {
                k[i] = (int) count.values()[i];
            }
            return k;
        }
    }

    private PluginGraphReferences() {
    }

    /** The NMS graphs with the outputs their plugins give (NMS_TRT's sizes decoded in half, as TensorRT 10.6 does). */
    static List<Case> nms() throws UffFormatException {
        return List.of(ssd(), retinanet(), yolov3(), batchedNms());
    }

    /** The NMS graphs with the outputs their plain-ONNX translations give (the same definitions, decoding in float). */
    static List<Case> nmsAsPlainOnnx() throws UffFormatException {
        return List.of(anchorDetector("ssd", TltPluginGraphs.ssd(), ssdImage(), 2, false),
                anchorDetector("retinanet", TltPluginGraphs.retinanet(), retinanetImage(), 2, false), yolov3(), batchedNms());
    }

    /** Every graph with a reference: the NMS graphs and FasterRCNN's CropAndResize head. */
    static List<Case> all() throws UffFormatException {
        List<Case> all = new ArrayList<>(nms());
        all.add(cropAndResize());
        all.add(proposal());
        return all;
    }

    /** 30-pixel blocks: each 30x30 window of the first map averages one block, each 60x60 window of the second four. */
    static Case ssd() throws UffFormatException {
        return anchorDetector("ssd", TltPluginGraphs.ssd(), ssdImage(), 2, true);
    }

    private static Tensor ssdImage() {
        return blocks(11, 3, 300, 300, (int) TltPluginGraphs.SSD_POOLS[0]);
    }

    /** 8-pixel blocks under 8x8 and 16x16 windows, as for the SSD. */
    static Case retinanet() throws UffFormatException {
        return anchorDetector("retinanet", TltPluginGraphs.retinanet(), retinanetImage(), 2, true);
    }

    private static Tensor retinanetImage() {
        return blocks(12, 3, 64, 128, 8);
    }

    /** Boxes per image of an NMS case: its priors (NMS_TRT) or its boxes input (BatchedNMS_TRT), from the expected-output-free inputs. */
    static long boxesPerImage(Case c) throws UffFormatException {
        UffGraph graph = c.graph().graph(c.name() + ".uff");
        if (graph.nodes().stream().anyMatch(n -> n.id().equals("GridAnchor"))) {
            return priors(graph).length / 8;
        }
        return c.name().equals("yolov3") ? TltPluginGraphs.YOLO_BOXES : TltPluginGraphs.HEAD_BOXES;
    }

    /**
     * The graph's NMS node read as the plugin creators read it (nmsPlugin.cpp / batchedNMSPlugin.cpp): NMS_TRT's
     * confidenceThreshold and nmsThreshold are BatchedNMS_TRT's scoreThreshold and iouThreshold; so the references follow
     * whatever topK, keepTopK and thresholds the test graphs carry.
     */
    static NmsReference.Params nmsParams(UffGraph graph) {
        UffNode n = graph.nodes().stream().filter(x -> x.operation().equals("_NMS_TRT") || x.operation().equals("_BatchedNMS_TRT"))
                .findFirst().orElseThrow();
        boolean ssd = n.operation().equals("_NMS_TRT");
        return new NmsReference.Params((int) n.longValue("numClasses", -1), (int) n.longValue("backgroundLabelId", -1),
                (int) n.longValue("topK", -1), (int) n.longValue("keepTopK", -1),
                (float) n.doubleValue(ssd ? "confidenceThreshold" : "scoreThreshold", Double.NaN),
                (float) n.doubleValue(ssd ? "nmsThreshold" : "iouThreshold", Double.NaN), n.bool("isNormalized", false));
    }

    /**
     * SSD / RetinaNet: per image, the predictors' NHWC outputs flattened and concatenated layer after layer (what
     * FlattenConcat_TRT gives), CENTER_SIZE decoding against the concatenated priors (with the plugin's half-precision
     * sizes when {@code asPlugin}, {@link NmsReference#decodeCenterSizeAsPlugin}), sigmoid confidences (confSigmoid),
     * then NMS_TRT's selection; outputs {@code NMS} [N,1,keepTopK,7] and its keep count {@code NMS:1}.
     */
    private static Case anchorDetector(String name, UffGraphBuilder builder, Tensor image, int layers, boolean asPlugin)
            throws UffFormatException {
        UffGraph graph = builder.graph(name + ".uff");
        List<String> heads = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            heads.add("BoxPredictor_" + l + "/BoxEncodingPredictor/transpose");
            heads.add(TltPluginGraphs.classHead(l));
        }
        Map<String, Tensor> out = new NaiveUffInterpreter(graph).run(Map.of("Input", image), heads);
        float[] priors = priors(graph);
        NmsReference.Params params = nmsParams(graph);
        int keep = params.keepTopK(), classes = params.numClasses();
        float[] rows = new float[BATCH * keep * 7];
        float[] counts = new float[BATCH];
        List<float[]> fragile = new ArrayList<>();
        for (int n = 0; n < BATCH; n++) {
            float[] loc = perImage(out, heads, 0, n);
            float[] conf = perImage(out, heads, 1, n);
            float[][] boxes = asPlugin ? NmsReference.decodeCenterSizeAsPlugin(loc, priors) : NmsReference.decodeCenterSize(loc, priors);
            float[][] scores = new float[boxes.length][classes];
            for (int p = 0; p < boxes.length; p++) {
                for (int c = 0; c < classes; c++) {
                    scores[p][c] = (float) (1 / (1 + Math.exp(-conf[p * classes + c])));
                }
            }
            List<NmsReference.Detection> kept = NmsReference.nms(boxes, scores, params);
            counts[n] = kept.size();
            System.arraycopy(NmsReference.nmsTrtRows(n, kept, keep), 0, rows, n * keep * 7, keep * 7);
            fragile.add(fragileRows(n, NmsReference.fragile(boxes, scores, params, FP16_DECISION_SCORE, FP16_DECISION_IOU)));
        }
        return new Case(name, builder, Map.of("Input", image), List.of(
                new Expected("NMS", new long[] {BATCH, 1, keep, 7}, rows, Kind.NMS_ROWS),
                new Expected("NMS:1", new long[] {BATCH, 1, 1, 1}, counts, Kind.COUNT)), concat(fragile));
    }

    /** The GridAnchor node's layers concatenated on the prior axis: all corners, then all variances. */
    private static float[] priors(UffGraph graph) {
        UffNode anchors = graph.nodes().stream().filter(n -> n.id().equals("GridAnchor")).findFirst().orElseThrow();
        float[][] layers = GridAnchors.of(anchors);
        int total = 0;
        for (float[] l : layers) {
            total += l.length;
        }
        float[] priors = new float[total];
        int corners = 0, variances = total / 2;
        for (float[] l : layers) {
            System.arraycopy(l, 0, priors, corners, l.length / 2);
            System.arraycopy(l, l.length / 2, priors, variances, l.length / 2);
            corners += l.length / 2;
            variances += l.length / 2;
        }
        return priors;
    }

    /** Image {@code n}'s values of every second head from {@code first}, each flattened, concatenated. */
    private static float[] perImage(Map<String, Tensor> out, List<String> heads, int first, int n) {
        List<float[]> parts = new ArrayList<>();
        int total = 0;
        for (int h = first; h < heads.size(); h += 2) {
            Tensor t = out.get(heads.get(h));
            int per = t.data().length / t.dim(0);
            parts.add(java.util.Arrays.copyOfRange(t.data(), n * per, (n + 1) * per));
            total += per;
        }
        float[] flat = new float[total];
        int o = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, flat, o, p.length);
            o += p.length;
        }
        return flat;
    }

    /**
     * YOLOv3: the boxes {@code box/Reshape} [N,256,1,4] and scores {@code cls/Reshape} [N,256,4] of the graph (corners
     * in any order: the convolution does not sort them), BatchedNMS_TRT's selection with background -1.
     */
    static Case yolov3() throws UffFormatException {
        UffGraphBuilder builder = TltPluginGraphs.yolov3();
        Tensor image = blocks(13, 3, 64, 64, TltPluginGraphs.YOLO_POOL);
        Map<String, Tensor> heads = new NaiveUffInterpreter(builder.graph("yolov3.uff")).run(Map.of("Input", image),
                List.of("box/Reshape", "cls/Reshape"));
        return batched("yolov3", builder, Map.of("Input", image), heads.get("box/Reshape").data(), heads.get("cls/Reshape").data(),
                TltPluginGraphs.YOLO_BOXES, TltPluginGraphs.HEAD_CLASSES);
    }

    /** YOLOv3's BatchedNMS head alone on clustered boxes (three clusters per image, some leaving [0, 1]). */
    static Case batchedNms() throws UffFormatException {
        float[] boxes = PlainBatchedNmsTest.boxes(21);
        float[] scores = PlainBatchedNmsTest.scores(22);
        int p = TltPluginGraphs.HEAD_BOXES;
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        inputs.put("boxes", new Tensor(new long[] {BATCH, p, 1, 4}, boxes));
        inputs.put("scores", new Tensor(new long[] {BATCH, p, TltPluginGraphs.HEAD_CLASSES}, scores));
        return batched("batchednms", TltPluginGraphs.batchedNmsHead(), inputs, boxes, scores, p, TltPluginGraphs.HEAD_CLASSES);
    }

    /**
     * BatchedNMS_TRT's four outputs: count [N,1], boxes [N,keepTopK,4] clipped to [0, 1] (clipBoxes), scores and
     * classes [N,keepTopK]; empty rows have boxes 0, score 0, class -1 (gatherNMSOutputs).
     */
    private static Case batched(String name, UffGraphBuilder builder, Map<String, Tensor> inputs, float[] boxes, float[] scores, int p,
            int classes) throws UffFormatException {
        NmsReference.Params params = nmsParams(builder.graph(name + ".uff"));
        int keep = params.keepTopK();
        float[] count = new float[BATCH];
        float[] outBoxes = new float[BATCH * keep * 4];
        float[] outScores = new float[BATCH * keep];
        float[] outClasses = new float[BATCH * keep];
        java.util.Arrays.fill(outClasses, -1);
        List<float[]> fragile = new ArrayList<>();
        for (int n = 0; n < BATCH; n++) {
            float[][] bx = new float[p][];
            float[][] sc = new float[p][];
            for (int i = 0; i < p; i++) {
                bx[i] = java.util.Arrays.copyOfRange(boxes, (n * p + i) * 4, (n * p + i + 1) * 4);
                sc[i] = java.util.Arrays.copyOfRange(scores, (n * p + i) * classes, (n * p + i + 1) * classes);
            }
            List<NmsReference.Detection> kept = NmsReference.nms(bx, sc, params);
            count[n] = kept.size();
            fragile.add(fragileRows(n, NmsReference.fragile(bx, sc, params, FP16_DECISION_SCORE, FP16_DECISION_IOU)));
            for (int i = 0; i < kept.size(); i++) {
                NmsReference.Detection d = kept.get(i);
                System.arraycopy(NmsReference.clip(new float[][] {d.box()})[0], 0, outBoxes, (n * keep + i) * 4, 4);
                outScores[n * keep + i] = d.score();
                outClasses[n * keep + i] = d.label();
            }
        }
        return new Case(name, builder, inputs, List.of(
                new Expected("BatchedNMS", new long[] {BATCH, 1}, count, Kind.COUNT),
                new Expected("BatchedNMS:1", new long[] {BATCH, keep, 4}, outBoxes, Kind.VALUES),
                new Expected("BatchedNMS:2", new long[] {BATCH, keep}, outScores, Kind.VALUES),
                new Expected("BatchedNMS:3", new long[] {BATCH, keep}, outClasses, Kind.EXACT)), concat(fragile));
    }

    /** Image {@code n}'s fragile detections as rows of (image, label, score, xmin, ymin, xmax, ymax). */
    private static float[] fragileRows(int n, List<NmsReference.Detection> fragile) {
        float[] rows = new float[fragile.size() * 7];
        for (int i = 0; i < fragile.size(); i++) {
            NmsReference.Detection d = fragile.get(i);
            rows[i * 7] = n;
            rows[i * 7 + 1] = d.label();
            rows[i * 7 + 2] = d.score();
            System.arraycopy(d.box(), 0, rows, i * 7 + 3, 4);
        }
        return rows;
    }

    private static float[] concat(List<float[]> parts) {
        float[] all = new float[parts.stream().mapToInt(p -> p.length).sum()];
        int o = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, all, o, p.length);
            o += p.length;
        }
        return all;
    }

    /** Whether a window of {@code n} values {@code v} averages to exactly {@code v} in float32, by division or by reciprocal. */
    static boolean exactAverage(float v, int n) {
        float sum = v * n;
        return sum / n == v && sum * (1f / n) == v;
    }

    /** The name of FasterRCNN's CropAndResize node, also its output. */
    static final String CROP = "roi_pooling_conv_1/CropAndResize_new";

    /**
     * FasterRCNN's CropAndResize head: a seeded feature map on a 1/64 grid and boxes on a 1/16 grid, some reaching
     * outside [0, 1] (extrapolated) and one upside down (negative scale); the crops computed as cropAndResizeKernel
     * does it.
     */
    static Case cropAndResize() {
        int c = 3, h = 13, w = 19, r = TltPluginGraphs.CROP_ROIS;
        SplittableRandom random = new SplittableRandom(31);
        float[] features = new float[BATCH * c * h * w];
        for (int i = 0; i < features.length; i++) {
            features[i] = Math.round((random.nextDouble() * 4 - 2) * 64) / 64f;
        }
        float[] rois = {
                0, 0, 1, 1, 0.25f, 0.125f, 0.75f, 0.5f, -0.25f, 0.5f, 0.5f, 1.25f, 0.75f, 0.75f, 0.125f, 0.25f, 0.5f, 0.0625f, 0.5f, 0.9375f,
                0.125f, 0.375f, 0.875f, 0.625f, 0, 0, 0.5f, 0.5f, 0.5f, 0.5f, 1, 1, 1, -0.125f, 1.125f, 0.25f, 0.3125f, 0.3125f, 0.4375f, 0.6875f};
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        inputs.put("features", new Tensor(new long[] {BATCH, c, h, w}, features));
        inputs.put("rois", new Tensor(new long[] {BATCH, r, 4, 1}, rois));
        int crop = TltPluginGraphs.CROP_SIZE;
        return new Case("cropandresize", TltPluginGraphs.cropAndResizeHead(), inputs, List.of(new Expected(CROP,
                new long[] {BATCH, r, c, crop, crop}, crops(features, rois, BATCH, c, h, w, r, crop, crop), Kind.VALUES)));
    }

    /**
     * CropAndResizeDynamic: output [N, R, C, cropH, cropW]; box {@code b} of image {@code n} is (y1, x1, y2, x2) at
     * {@code rois[(n * R + b) * 4]}; sample {@code in_y = y1 (H - 1) + y (y2 - y1)(H - 1)/(cropH - 1)} (the box centre
     * when cropH is 1), likewise x; outside [0, H - 1] x [0, W - 1] the value is 0; inside, bilinear between
     * floor and ceil (cropAndResizeKernel, extrapolation 0).
     */
    static float[] crops(float[] image, float[] rois, int batch, int depth, int h, int w, int boxes, int cropH, int cropW) {
        float[] out = new float[batch * boxes * depth * cropH * cropW];
        int o = 0;
        for (int b = 0; b < batch * boxes; b++) {
            float y1 = rois[b * 4], x1 = rois[b * 4 + 1], y2 = rois[b * 4 + 2], x2 = rois[b * 4 + 3];
            int n = b / boxes;
            for (int d = 0; d < depth; d++) {
                for (int y = 0; y < cropH; y++) {
                    for (int x = 0; x < cropW; x++, o++) {
                        float inY = cropH > 1 ? y1 * (h - 1) + y * ((y2 - y1) * (h - 1) / (cropH - 1)) : 0.5f * (y1 + y2) * (h - 1);
                        float inX = cropW > 1 ? x1 * (w - 1) + x * ((x2 - x1) * (w - 1) / (cropW - 1)) : 0.5f * (x1 + x2) * (w - 1);
                        if (inY < 0 || inY > h - 1 || inX < 0 || inX > w - 1) {
                            continue; // extrapolation value 0
                        }
                        int top = (int) Math.floor(inY), bottom = (int) Math.ceil(inY);
                        int left = (int) Math.floor(inX), right = (int) Math.ceil(inX);
                        float yLerp = inY - top, xLerp = inX - left;
                        int plane = (n * depth + d) * h;
                        float tl = image[(plane + top) * w + left], tr = image[(plane + top) * w + right];
                        float bl = image[(plane + bottom) * w + left], br = image[(plane + bottom) * w + right];
                        float upper = tl + (tr - tl) * xLerp;
                        float lower = bl + (br - bl) * xLerp;
                        out[o] = upper + (lower - upper) * yLerp;
                    }
                }
            }
        }
        return out;
    }

    /**
     * FasterRCNN's Proposal head: seeded RPN scores in (0, 1) and deltas on a 1/64 grid in [-0.5, 0.5]; the proposals
     * computed as proposalKernel.cu does.
     */
    static Case proposal() {
        int a = TltPluginGraphs.ANCHORS, h = TltPluginGraphs.RPN_H, w = TltPluginGraphs.RPN_W;
        SplittableRandom random = new SplittableRandom(41);
        float[] scores = new float[BATCH * a * h * w];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = (float) random.nextDouble();
        }
        float[] deltas = new float[BATCH * 4 * a * h * w];
        for (int i = 0; i < deltas.length; i++) {
            deltas[i] = Math.round((random.nextDouble() - 0.5) * 64) / 64f;
        }
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        inputs.put("scores", new Tensor(new long[] {BATCH, a, h, w}, scores));
        inputs.put("deltas", new Tensor(new long[] {BATCH, 4 * a, h, w}, deltas));
        int post = TltPluginGraphs.POST_NMS;
        return new Case("proposal", TltPluginGraphs.proposalHead(), inputs, List.of(new Expected("proposal", new long[] {BATCH, post, 4, 1},
                Proposals.of(scores, deltas, BATCH, h, w).rois(), Kind.VALUES)));
    }

    /**
     * ProposalDynamic (proposalKernel.cu) for {@link TltPluginGraphs#proposalHead}: per anchor (a = size * ratioCount +
     * ratio, then cell) the box {@code centre = ((w + 0.5) s, (h + 0.5) s) + anchor size * (tx, ty)}, size
     * {@code anchor * exp(tw, th)}, anchor width {@code size * sqrt(ratio)} and height {@code size / sqrt(ratio)}, corners
     * clipped to [0, W - 1] x [0, H - 1] of the input; boxes not wider and taller than roi_min_size get score -inf (they
     * stay in, sorted last); a stable descending sort, the first pre_nms_top_n, greedy NMS with the pixel IoU (+1) above
     * the threshold, at most post_nms_top_n rows (y1, x1, y2, x2) divided by (H - 1, W - 1); unused rows 0.
     */
    record Proposals(float[] rois, double closestIou, double closestSize) {

        static Proposals of(float[] prob, float[] regr, int batch, int rpnH, int rpnW) {
            float[] sizes = {16, 32, 48};
            float[] ratios = {1.0f, 0.5f, 2.0f};
            int stride = 16, inH = stride * rpnH, inW = stride * rpnW, a = sizes.length * ratios.length, r = a * rpnH * rpnW;
            int pre = TltPluginGraphs.PRE_NMS, post = TltPluginGraphs.POST_NMS;
            float minSize = 1.0f, threshold = 0.7f;
            float[] rois = new float[batch * post * 4];
            double closestIou = 1, closestSize = Double.MAX_VALUE;
            for (int n = 0; n < batch; n++) {
                float[][] boxes = new float[r][];
                float[] score = new float[r];
                for (int i = 0; i < r; i++) {
                    int x = i % rpnW, y = (i / rpnW) % rpnH, k = i / (rpnW * rpnH);
                    int plane = rpnH * rpnW, cell = y * rpnW + x;
                    float tx = regr[((n * a + k) * 4) * plane + cell], ty = regr[((n * a + k) * 4 + 1) * plane + cell];
                    float tw = regr[((n * a + k) * 4 + 2) * plane + cell], th = regr[((n * a + k) * 4 + 3) * plane + cell];
                    float root = (float) Math.sqrt(ratios[k % ratios.length]);
                    float anchorW = sizes[k / ratios.length] * root, anchorH = sizes[k / ratios.length] / root;
                    float cx = (x + 0.5f) * stride + anchorW * tx, cy = (y + 0.5f) * stride + anchorH * ty;
                    float bw = (float) Math.exp(tw) * anchorW, bh = (float) Math.exp(th) * anchorH;
                    float x1 = cx - bw / 2, y1 = cy - bh / 2;
                    float[] box = {clamp(x1, inW), clamp(y1, inH), clamp(bw + x1, inW), clamp(bh + y1, inH)};
                    boxes[i] = box;
                    float width = box[2] - box[0], height = box[3] - box[1];
                    closestSize = Math.min(closestSize, Math.min(Math.abs(width - minSize), Math.abs(height - minSize)));
                    score[i] = width <= minSize || height <= minSize ? Float.NEGATIVE_INFINITY : prob[n * r + i];
                }
                Integer[] order = new Integer[r];
                for (int i = 0; i < r; i++) {
                    order[i] = i;
                }
                java.util.Arrays.sort(order, (p, q) -> Float.compare(score[q], score[p])); // stable: ties keep index order
                boolean[] dropped = new boolean[pre];
                int kept = 0;
                for (int i = 0; i < pre && kept < post; i++) {
                    if (dropped[i]) {
                        continue;
                    }
                    float[] ref = boxes[order[i]];
                    int o = (n * post + kept++) * 4;
                    rois[o] = ref[1] / (inH - 1f);
                    rois[o + 1] = ref[0] / (inW - 1f);
                    rois[o + 2] = ref[3] / (inH - 1f);
                    rois[o + 3] = ref[2] / (inW - 1f);
                    for (int j = i + 1; j < pre; j++) {
                        double iou = pixelIou(ref, boxes[order[j]]);
                        closestIou = Math.min(closestIou, Math.abs(iou - threshold));
                        if (iou > threshold) {
                            dropped[j] = true;
                        }
                    }
                }
            }
            return new Proposals(rois, closestIou, closestSize);
        }

        private static float clamp(float v, int size) {
            return Math.min(Math.max(v, 0f), size - 1f);
        }

        /** proposalKernel.cu's IoU: pixel boxes, +1 on every extent, no overlap counts 0. */
        static double pixelIou(float[] p, float[] q) {
            double width = Math.max(Math.min(p[2], q[2]) - Math.max(p[0], q[0]) + 1, 0);
            double height = Math.max(Math.min(p[3], q[3]) - Math.max(p[1], q[1]) + 1, 0);
            double inter = width * height;
            double sa = (p[2] - p[0] + 1.0) * (p[3] - p[1] + 1.0), sb = (q[2] - q[0] + 1.0) * (q[3] - q[1] + 1.0);
            return inter / (sa + sb - inter);
        }
    }

    /** Seeded constant blocks of {@code block} pixels per channel, so average pools give distinct cells (noise pools to ties). */
    static Tensor blocks(long seed, int channels, int h, int w, int block) {
        SplittableRandom random = new SplittableRandom(seed);
        int bh = h / block, bw = w / block;
        float[] values = new float[BATCH * channels * bh * bw];
        for (int i = 0; i < values.length; i++) {
            // on a 1/64 grid: exact in TF32 (see TltPluginGraphs.weights) and through the average pools
            values[i] = Math.round((random.nextDouble() * 4 - 2) * 64) / 64f;
        }
        float[] image = new float[BATCH * channels * h * w];
        for (int i = 0; i < image.length; i++) {
            int x = i % w, y = (i / w) % h, plane = i / (h * w);
            image[i] = values[(plane * bh + y / block) * bw + x / block];
        }
        return new Tensor(new long[] {BATCH, channels, h, w}, image);
    }
}
