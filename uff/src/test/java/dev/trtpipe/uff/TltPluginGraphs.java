package dev.trtpipe.uff;

/**
 * UFF test graphs shaped as TLT 2 / TensorRT's UFF samples export the plugin detectors: the node names the
 * calibration caches of NVIDIA's TLT samples list ({@code ../shared/etlt/tlt-samples/<family>/cal.bin}), the
 * input and output blobs of their nvinfer configs, and the plugin fields with the names and types of the
 * plugin creators (TensorRT's plugin READMEs). The backbones are reduced to pooling so the graphs stay tiny;
 * weights are seeded noise.
 */
final class TltPluginGraphs {

    /** NMS classes (background 0 plus the 4 of the nvinfer configs' num-detected-classes). */
    static final int CLASSES = 5;
    /**
     * An NMS head's selection: per class the best {@code topK} candidates above {@code threshold} enter NMS, per image the
     * best {@code keepTopK} survivors are kept. TensorRT 10.6's NMS plugins need {@code topK <= boxes per image}: the
     * per-image sort (sortScoresPerImage) writes numClasses x topK entries per image into buffers detectionInference and
     * nmsInference size for numClasses x boxes, so a larger topK overruns them (the earlier graphs' second images came
     * out wrong). And {@code keepTopK <= topK}: gatherTopDetections / gatherNMSOutputs return without writing otherwise
     * (the first GPU run's BatchedNMS, topK 10 and keepTopK 20, kept nothing). docs/uff-plugins.md cites the lines.
     */
    record NmsLimits(int topK, int keepTopK, double threshold) {
    }

    /** SSD: 450 priors per image; TLT's SSD values (topK = keepTopK = 200). */
    static final NmsLimits SSD_NMS = new NmsLimits(200, 200, 0.3);
    /** RetinaNet: 576 priors per image; TLT's keepTopK 200, topK 200. */
    static final NmsLimits RETINANET_NMS = new NmsLimits(200, 200, 0.3);
    /** YOLOv3: 256 boxes per image; TLT's YOLOv3 keepTopK 200, topK 200. */
    static final NmsLimits YOLO_NMS = new NmsLimits(200, 200, 0.3);
    /** The BatchedNMS head alone: 30 boxes per image, topK = keepTopK = 20 (built and exact on the H200 before). */
    static final NmsLimits HEAD_NMS = new NmsLimits(20, 20, 0.3);

    private TltPluginGraphs() {
    }

    /**
     * Seeded convolution weights in [-1, 1] on a 1/256 grid: with inputs on a 1/64 grid
     * ({@link PluginGraphReferences#blocks}) every product and sum of the 1x1 heads is exact in TF32 (which TensorRT
     * allows for fp32 engines by default) as in float64, so an engine's NMS inputs equal the Java reference's bit for bit
     * and the comparison of its outputs tests the plugin, not the convolution's rounding.
     */
    static float[] weights(long seed, int n) {
        float[] w = TinyGraphs.noise(seed, n);
        for (int i = 0; i < n; i++) {
            w[i] = Math.round(w[i] * 256) / 256f;
        }
        return w;
    }

    /**
     * SSD (sampleUffSSD's graphsurgeon shape, which TLT's SSD exporter follows): input {@code Input} 3x300x300,
     * GridAnchor_TRT "GridAnchor" over two feature maps (10x10, 5x5) concatenated as {@code concat_priorbox},
     * per-layer box and class predictors flattened by FlattenConcat_TRT {@code concat_box_loc} /
     * {@code concat_box_conf}, and NMS_TRT "NMS" (outputs NMS and its keep count NMS:1).
     */
    static UffGraphBuilder ssd() {
        return anchorDetector("Input", new long[] {-1, 3, 300, 300}, SSD_POOLS, "_GridAnchor_TRT", new long[] {10, 5}, SSD_NMS, SSD_CLASS_BIAS);
    }

    /** The SSD's class logits' bias (see {@link #classHead}). */
    static final double SSD_CLASS_BIAS = -2.0;

    /** The SSD's feature maps: 10x10 and 5x5 (3 * 100 + 6 * 25 = 450 priors), pooled from 30-pixel input blocks. */
    static final long[] SSD_POOLS = {30, 60};

    /**
     * RetinaNet / DSSD: GridAnchorRect_TRT over non-square maps (featureMapShapes as H, W pairs: 8x16 and 4x8, 3 * 128 +
     * 6 * 32 = 576 priors), 3x64x128 input.
     */
    static UffGraphBuilder retinanet() {
        return anchorDetector("Input", new long[] {-1, 3, 64, 128}, new long[] {8, 16}, "_GridAnchorRect_TRT", new long[] {8, 16, 4, 8},
                RETINANET_NMS, -2.1); // the class logits' bias (see classHead)
    }

    /** Priors per layer: 3 on the first, aspectRatios + 1 on the others (GridAnchor's rule). */
    static final float[] ASPECT_RATIOS = {1.0f, 2.0f, 0.5f, 3.0f, 0.33f};

    /**
     * The class predictors' output, after a bias: class logits start low, as in trained detectors (RetinaNet initialises
     * them at -log(99) = -4.6), so that the threshold leaves about keepTopK detections: per graph one image beyond
     * keepTopK (cut by it) and one within, never the trivial full table of the zero-bias noise heads.
     */
    static String classHead(int layer) {
        return "BoxPredictor_" + layer + "/ClassPredictor/BiasAdd";
    }

    private static UffGraphBuilder anchorDetector(String input, long[] shape, long[] poolSizes, String anchorOp, long[] featureMaps,
            NmsLimits nms, double classBias) {
        UffGraphBuilder b = new UffGraphBuilder().input(input, shape);
        String[] loc = new String[poolSizes.length];
        String[] conf = new String[poolSizes.length];
        for (int l = 0; l < poolSizes.length; l++) {
            int priors = l == 0 ? 3 : ASPECT_RATIOS.length + 1;
            String map = "FeatureExtractor/pool_" + l;
            b.node(map, "Pool", input).string("func", "avg").ints("kernel", poolSizes[l], poolSizes[l])
                    .ints("strides", poolSizes[l], poolSizes[l]).add();
            loc[l] = predictor(b, "BoxPredictor_" + l + "/BoxEncodingPredictor", map, priors * 4, 100 + l);
            conf[l] = bias(b, classHead(l), predictor(b, "BoxPredictor_" + l + "/ClassPredictor", map, priors * CLASSES, 200 + l),
                    new long[] {priors * CLASSES}, classBias);
        }
        b.floats("GridAnchor/Const", new long[] {1}, 1f);
        b.node("GridAnchor", anchorOp, "GridAnchor/Const").integer("numLayers", poolSizes.length).number("minSize", 0.2)
                .number("maxSize", 0.95).numbers("aspectRatios", 1.0, 2.0, 0.5, 3.0, 0.33)
                .numbers("variance", 0.1, 0.1, 0.2, 0.2).ints("featureMapShapes", featureMaps).add();
        String[] anchors = new String[poolSizes.length];
        for (int l = 0; l < anchors.length; l++) {
            anchors[l] = l == 0 ? "GridAnchor" : "GridAnchor:" + l;
        }
        b.node("concat_priorbox", "Concat", anchors).integer("axis", 2).add();
        b.node("concat_box_loc", "_FlattenConcat_TRT", loc).integer("axis", 1).integer("ignoreBatch", 0).add();
        b.node("concat_box_conf", "_FlattenConcat_TRT", conf).integer("axis", 1).integer("ignoreBatch", 0).add();
        b.node("NMS", "_NMS_TRT", "concat_box_loc", "concat_priorbox", "concat_box_conf").integer("shareLocation", 1)
                .integer("varianceEncodedInTarget", 0).integer("backgroundLabelId", 0).number("confidenceThreshold", nms.threshold())
                .number("nmsThreshold", 0.5).integer("topK", nms.topK()).integer("keepTopK", nms.keepTopK()).integer("numClasses", CLASSES)
                .ints("inputOrder", 0, 2, 1).integer("confSigmoid", 1).integer("isNormalized", 1).integer("codeType", 1).add();
        return b.markOutput("NMS").markOutput("NMS:1");
    }

    /** A 1x1 convolution of a 3-channel map, then NHWC as the TensorFlow exporter's predictors are laid out. */
    private static String predictor(UffGraphBuilder b, String name, String in, int channels, long seed) {
        b.floats(name + "/kernel", new long[] {1, 1, 3, channels}, weights(seed, 3 * channels));
        b.node(name + "/convolution", "Conv", in, name + "/kernel").ints("strides", 1, 1).ints("dilation", 1, 1).add();
        b.int32s(name + "/perm", new long[] {4}, 0, 2, 3, 1);
        b.node(name + "/transpose", "Transpose", name + "/convolution", name + "/perm").add();
        return name + "/transpose";
    }

    /** {@code value} added to every element of {@code in} by a Binary add with a constant of {@code shape} (TensorFlow's BiasAdd). */
    private static String bias(UffGraphBuilder b, String name, String in, long[] shape, double value) {
        float[] values = new float[(int) java.util.Arrays.stream(shape).reduce(1, (x, y) -> x * y)];
        java.util.Arrays.fill(values, (float) value);
        b.floats(name + "/bias", shape, values);
        b.node(name, "Binary", in, name + "/bias").string("func", "add").add();
        return name;
    }

    /** YOLOv3's class logits' bias (see {@link #classHead}). */
    static final double YOLO_CLASS_BIAS = -1.75;

    /**
     * YOLOv3 (TLT 2): {@code Input}, the per-scale anchors tiled over the batch by BatchTilePlugin_TRT
     * {@code FirstDimTile_0}, the neck's {@code upsample0} ResizeNearest_TRT, and BatchedNMS_TRT "BatchedNMS"
     * over boxes {@code [N, P, 1, 4]} and scores {@code [N, P, C]} (output-blob-names=BatchedNMS).
     */
    static final int YOLO_BOXES = 256;
    /** YOLOv3's pooled map: 8x8 cells of the 64x64 input (8-pixel windows). */
    static final int YOLO_POOL = 8;

    static UffGraphBuilder yolov3() {
        UffGraphBuilder b = new UffGraphBuilder().input("Input", -1, 3, 64, 64);
        b.node("pool", "Pool", "Input").string("func", "avg").ints("kernel", YOLO_POOL, YOLO_POOL).ints("strides", YOLO_POOL, YOLO_POOL).add();
        predictor(b, "conv_big_object", "pool", 3 * (4 + 4), 300);
        b.floats("bg_anchor/Const", new long[] {1, 12, 4}, TinyGraphs.noise(301, 48));
        b.node("FirstDimTile_0", "_BatchTilePlugin_TRT", "conv_big_object/transpose", "bg_anchor/Const").add();
        b.node("upsample0/ResizeNearestNeighbor", "_ResizeNearest_TRT", "pool").number("scale", 2.0).add();
        // the 8x8 map of 16 channels holds 256 boxes of 4 coordinates and 256 rows of 4 class scores per image
        b.int32s("box/shape", new long[] {4}, -1, YOLO_BOXES, 1, 4);
        b.int32s("cls/shape", new long[] {3}, -1, YOLO_BOXES, 4);
        b.floats("box/kernel", new long[] {1, 1, 3, 16}, weights(302, 48));
        b.node("box/convolution", "Conv", "pool", "box/kernel").ints("strides", 1, 1).ints("dilation", 1, 1).add();
        b.node("box/Reshape", "Reshape", "box/convolution", "box/shape").add();
        b.floats("cls/kernel", new long[] {1, 1, 3, 16}, weights(303, 48));
        b.node("cls/convolution", "Conv", "pool", "cls/kernel").ints("strides", 1, 1).ints("dilation", 1, 1).add();
        bias(b, "cls/BiasAdd", "cls/convolution", new long[] {16, 1, 1}, YOLO_CLASS_BIAS);
        b.node("cls/Sigmoid", "Activation", "cls/BiasAdd").string("func", "sigmoid").add();
        b.node("cls/Reshape", "Reshape", "cls/Sigmoid", "cls/shape").add();
        b.node("BatchedNMS", "_BatchedNMS_TRT", "box/Reshape", "cls/Reshape").integer("shareLocation", 1)
                .integer("backgroundLabelId", -1).integer("numClasses", 4).integer("topK", YOLO_NMS.topK()).integer("keepTopK", YOLO_NMS.keepTopK())
                .number("scoreThreshold", YOLO_NMS.threshold()).number("iouThreshold", 0.5).integer("isNormalized", 1).integer("clipBoxes", 1).add();
        return b.markOutput("BatchedNMS").markOutput("BatchedNMS:1").markOutput("BatchedNMS:2").markOutput("BatchedNMS:3")
                .markOutput("FirstDimTile_0").markOutput("upsample0/ResizeNearestNeighbor");
    }

    /**
     * FasterRCNN (TLT 2, pgie_frcnn_tlt_config: input_image 3x272x480, outputs dense_regress_td/BiasAdd;
     * dense_class_td/Softmax;proposal): the RPN heads {@code rpn_out_class/Sigmoid} and
     * {@code rpn_out_regress/BiasAdd}, Proposal {@code proposal}, CropAndResize
     * {@code roi_pooling_conv_1/CropAndResize_new} (the second-stage dense heads are plain ops, left out).
     */
    static UffGraphBuilder fasterRcnn() {
        UffGraphBuilder b = new UffGraphBuilder().input("input_image", -1, 3, 272, 480);
        b.node("pool", "Pool", "input_image").string("func", "avg").ints("kernel", 16, 16).ints("strides", 16, 16).add();
        b.floats("rpn_out_class/kernel", new long[] {1, 1, 3, 9}, weights(400, 27));
        b.node("rpn_out_class/convolution", "Conv", "pool", "rpn_out_class/kernel").ints("strides", 1, 1).ints("dilation", 1, 1).add();
        b.node("rpn_out_class/Sigmoid", "Activation", "rpn_out_class/convolution").string("func", "sigmoid").add();
        b.floats("rpn_out_regress/kernel", new long[] {1, 1, 3, 36}, weights(401, 108));
        b.node("rpn_out_regress/BiasAdd", "Conv", "pool", "rpn_out_regress/kernel").ints("strides", 1, 1).ints("dilation", 1, 1).add();
        b.node("proposal", "_Proposal", "rpn_out_class/Sigmoid", "rpn_out_regress/BiasAdd").integer("input_height", 272)
                .integer("input_width", 480).integer("rpn_stride", 16).number("roi_min_size", 1.0).number("nms_iou_threshold", 0.7)
                .integer("pre_nms_top_n", 6000).integer("post_nms_top_n", 300).numbers("anchor_sizes", 64.0, 128.0, 256.0)
                .numbers("anchor_ratios", 1.0, 0.5, 2.0).add();
        b.node("roi_pooling_conv_1/CropAndResize_new", "_CropAndResize", "pool", "proposal").integer("crop_width", 7)
                .integer("crop_height", 7).add();
        return b.markOutput("proposal").markOutput("roi_pooling_conv_1/CropAndResize_new");
    }

    static final int CROP_ROIS = 5;
    static final int CROP_SIZE = 7;

    /**
     * FasterRCNN's CropAndResize alone ({@code roi_pooling_conv_1/CropAndResize_new}, TLT's crop 7x7) over a feature
     * map {@code features} [N,3,13,19] and boxes {@code rois} [N,5,4,1] (y1, x1, y2, x2 normalised, ProposalDynamic's
     * output layout); 13 - 1 and 19 - 1 are multiples of 7 - 1, so every sampling position is exact in float32.
     */
    static UffGraphBuilder cropAndResizeHead() {
        UffGraphBuilder b = new UffGraphBuilder().input("features", -1, 3, 13, 19).input("rois", -1, CROP_ROIS, 4, 1);
        b.node("roi_pooling_conv_1/CropAndResize_new", "_CropAndResize", "features", "rois").integer("crop_width", CROP_SIZE)
                .integer("crop_height", CROP_SIZE).add();
        return b.markOutput("roi_pooling_conv_1/CropAndResize_new");
    }

    /** The RPN map of the Proposal head: 4x6 cells at stride 16 (a 64x96 input), 3 sizes x 3 ratios. */
    static final int RPN_H = 4, RPN_W = 6, ANCHORS = 9, PRE_NMS = 100, POST_NMS = 90;

    /**
     * FasterRCNN's Proposal alone ({@code proposal}: TLT's fields, anchor sizes scaled to a 64x96 input): RPN scores
     * {@code scores} [N,9,4,6] (the sigmoid's output) and deltas {@code deltas} [N,36,4,6]; output [N,90,4,1].
     */
    static UffGraphBuilder proposalHead() {
        UffGraphBuilder b = new UffGraphBuilder().input("scores", -1, ANCHORS, RPN_H, RPN_W).input("deltas", -1, 4 * ANCHORS, RPN_H, RPN_W);
        b.node("proposal", "_Proposal", "scores", "deltas").integer("input_height", 16 * RPN_H).integer("input_width", 16 * RPN_W)
                .integer("rpn_stride", 16).number("roi_min_size", 1.0).number("nms_iou_threshold", 0.7).integer("pre_nms_top_n", PRE_NMS)
                .integer("post_nms_top_n", POST_NMS).numbers("anchor_sizes", 16.0, 32.0, 48.0).numbers("anchor_ratios", 1.0, 0.5, 2.0).add();
        return b.markOutput("proposal");
    }

    static final int HEAD_BOXES = 30;
    static final int HEAD_CLASSES = 4;

    /** YOLOv3's BatchedNMS head alone, fed decoded boxes {@code [N,30,1,4]} and scores {@code [N,30,4]} (TLT's fields, topK within 30). */
    static UffGraphBuilder batchedNmsHead() {
        UffGraphBuilder b = new UffGraphBuilder().input("boxes", -1, HEAD_BOXES, 1, 4).input("scores", -1, HEAD_BOXES, HEAD_CLASSES);
        b.node("BatchedNMS", "_BatchedNMS_TRT", "boxes", "scores").integer("shareLocation", 1).integer("backgroundLabelId", -1)
                .integer("numClasses", HEAD_CLASSES).integer("topK", HEAD_NMS.topK()).integer("keepTopK", HEAD_NMS.keepTopK())
                .number("scoreThreshold", HEAD_NMS.threshold())
                .number("iouThreshold", 0.5).integer("isNormalized", 1).integer("clipBoxes", 1).add();
        return b.markOutput("BatchedNMS").markOutput("BatchedNMS:1").markOutput("BatchedNMS:2").markOutput("BatchedNMS:3");
    }
}
