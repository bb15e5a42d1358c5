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
     * keepTopK and topK as TLT's SSD exports write them (200): above every graph's candidate count, so the keep count is
     * what the threshold and the suppression leave, never a full table.
     */
    static final int KEEP_TOP_K = 200;
    /**
     * keepTopK <= topK is required: gatherTopDetections / gatherNMSOutputs return without writing anything when
     * keepTopK > topK (why the first GPU run's BatchedNMS engine, topK 10 and keepTopK 20, kept nothing).
     */
    static final int TOP_K = 200;

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
     * GridAnchor_TRT "GridAnchor" over two feature maps (2x2, 1x1) concatenated as {@code concat_priorbox},
     * per-layer box and class predictors flattened by FlattenConcat_TRT {@code concat_box_loc} /
     * {@code concat_box_conf}, and NMS_TRT "NMS" (outputs NMS and its keep count NMS:1).
     */
    static UffGraphBuilder ssd() {
        return anchorDetector("Input", new long[] {-1, 3, 300, 300}, new long[] {150, 300}, "_GridAnchor_TRT", new long[] {2, 1});
    }

    /** RetinaNet / DSSD: GridAnchorRect_TRT over non-square maps (featureMapShapes as H, W pairs), 3x64x128 input. */
    static UffGraphBuilder retinanet() {
        return anchorDetector("Input", new long[] {-1, 3, 64, 128}, new long[] {32, 64}, "_GridAnchorRect_TRT", new long[] {2, 4, 1, 2});
    }

    /** Priors per layer: 3 on the first, aspectRatios + 1 on the others (GridAnchor's rule). */
    static final float[] ASPECT_RATIOS = {1.0f, 2.0f, 0.5f, 3.0f, 0.33f};

    private static UffGraphBuilder anchorDetector(String input, long[] shape, long[] poolSizes, String anchorOp, long[] featureMaps) {
        UffGraphBuilder b = new UffGraphBuilder().input(input, shape);
        String[] loc = new String[poolSizes.length];
        String[] conf = new String[poolSizes.length];
        for (int l = 0; l < poolSizes.length; l++) {
            int priors = l == 0 ? 3 : ASPECT_RATIOS.length + 1;
            String map = "FeatureExtractor/pool_" + l;
            b.node(map, "Pool", input).string("func", "avg").ints("kernel", poolSizes[l], poolSizes[l])
                    .ints("strides", poolSizes[l], poolSizes[l]).add();
            loc[l] = predictor(b, "BoxPredictor_" + l + "/BoxEncodingPredictor", map, priors * 4, 100 + l);
            conf[l] = predictor(b, "BoxPredictor_" + l + "/ClassPredictor", map, priors * CLASSES, 200 + l);
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
                .integer("varianceEncodedInTarget", 0).integer("backgroundLabelId", 0).number("confidenceThreshold", 0.3)
                .number("nmsThreshold", 0.5).integer("topK", TOP_K).integer("keepTopK", KEEP_TOP_K).integer("numClasses", CLASSES)
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

    /**
     * YOLOv3 (TLT 2): {@code Input}, the per-scale anchors tiled over the batch by BatchTilePlugin_TRT
     * {@code FirstDimTile_0}, the neck's {@code upsample0} ResizeNearest_TRT, and BatchedNMS_TRT "BatchedNMS"
     * over boxes {@code [N, P, 1, 4]} and scores {@code [N, P, C]} (output-blob-names=BatchedNMS).
     */
    static final int YOLO_BOXES = 48;

    static UffGraphBuilder yolov3() {
        UffGraphBuilder b = new UffGraphBuilder().input("Input", -1, 3, 64, 64);
        b.node("pool", "Pool", "Input").string("func", "avg").ints("kernel", 32, 32).ints("strides", 32, 32).add();
        predictor(b, "conv_big_object", "pool", 3 * (4 + 4), 300);
        b.floats("bg_anchor/Const", new long[] {1, 12, 4}, TinyGraphs.noise(301, 48));
        b.node("FirstDimTile_0", "_BatchTilePlugin_TRT", "conv_big_object/transpose", "bg_anchor/Const").add();
        b.node("upsample0/ResizeNearestNeighbor", "_ResizeNearest_TRT", "pool").number("scale", 2.0).add();
        // the 2x2 map of 48 channels holds 48 boxes of 4 coordinates and 48 rows of 4 class scores per image
        b.int32s("box/shape", new long[] {4}, -1, YOLO_BOXES, 1, 4);
        b.int32s("cls/shape", new long[] {3}, -1, YOLO_BOXES, 4);
        b.floats("box/kernel", new long[] {1, 1, 3, 48}, weights(302, 144));
        b.node("box/convolution", "Conv", "pool", "box/kernel").ints("strides", 1, 1).ints("dilation", 1, 1).add();
        b.node("box/Reshape", "Reshape", "box/convolution", "box/shape").add();
        b.floats("cls/kernel", new long[] {1, 1, 3, 48}, weights(303, 144));
        b.node("cls/convolution", "Conv", "pool", "cls/kernel").ints("strides", 1, 1).ints("dilation", 1, 1).add();
        b.node("cls/Sigmoid", "Activation", "cls/convolution").string("func", "sigmoid").add();
        b.node("cls/Reshape", "Reshape", "cls/Sigmoid", "cls/shape").add();
        b.node("BatchedNMS", "_BatchedNMS_TRT", "box/Reshape", "cls/Reshape").integer("shareLocation", 1)
                .integer("backgroundLabelId", -1).integer("numClasses", 4).integer("topK", TOP_K).integer("keepTopK", KEEP_TOP_K)
                .number("scoreThreshold", 0.3).number("iouThreshold", 0.5).integer("isNormalized", 1).integer("clipBoxes", 1).add();
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

    /** YOLOv3's BatchedNMS head alone, fed decoded boxes {@code [N,30,1,4]} and scores {@code [N,30,4]} (TLT's field values, smaller topK). */
    static UffGraphBuilder batchedNmsHead() {
        UffGraphBuilder b = new UffGraphBuilder().input("boxes", -1, HEAD_BOXES, 1, 4).input("scores", -1, HEAD_BOXES, HEAD_CLASSES);
        b.node("BatchedNMS", "_BatchedNMS_TRT", "boxes", "scores").integer("shareLocation", 1).integer("backgroundLabelId", -1)
                .integer("numClasses", HEAD_CLASSES).integer("topK", TOP_K).integer("keepTopK", KEEP_TOP_K).number("scoreThreshold", 0.3)
                .number("iouThreshold", 0.5).integer("isNormalized", 1).integer("clipBoxes", 1).add();
        return b.markOutput("BatchedNMS").markOutput("BatchedNMS:1").markOutput("BatchedNMS:2").markOutput("BatchedNMS:3");
    }
}
