package dev.trtpipe.onnx;

import dev.trtpipe.darknet.DetectionSpec;
import dev.trtpipe.darknet.HeadMode;

/**
 * {@code --head nms --nms-plugin efficient}: the decoded candidates into one TensorRT
 * {@code EfficientNMS_TRT} plugin node, for TensorRT versions without {@code INMSLayer} (before 8.5) or
 * pipelines built around that plugin. TensorRT's ONNX parser imports any node whose {@code op_type} names
 * a registered plugin, passing the node's attributes as plugin fields ({@code plugin_version} selects the
 * creator); the node lives in the custom domain {@value #DOMAIN} (as NVIDIA ModelOpt writes plugin nodes)
 * so ONNX tools do not mistake it for a standard operator. ONNX Runtime cannot run this model.
 *
 * <p>Inputs: boxes as pixel corners {@code [N, K, 4]} ({@code box_coding=0}), scores {@code [N, K, C]}
 * already activated ({@code score_activation=0}), no background class. The plugin is deprecated in
 * TensorRT 10 and only it (of the NMS plugins) remains in 11.1.
 */
public final class EfficientNmsPluginPass implements GraphPass {

    /** The custom operator domain of TensorRT plugin nodes. */
    public static final String DOMAIN = "trt.plugins";
    public static final String OP_TYPE = "EfficientNMS_TRT";

    private final HeadMode.Nms settings;

    public EfficientNmsPluginPass(HeadMode.Nms settings) {
        if (settings.op() != HeadMode.NmsOp.EFFICIENT_NMS_TRT) {
            throw new IllegalArgumentException("EfficientNmsPluginPass writes " + OP_TYPE + ", not " + settings.op());
        }
        this.settings = settings;
    }

    @Override
    public void apply(ConvertedModel model) {
        DetectionSpec spec = NmsGraph.takeDecoded(model);
        OnnxGraph g = model.graph();
        g.importDomain(DOMAIN, 1);
        String corners = NmsGraph.pixelCorners(g, spec);
        g.node(OP_TYPE, "nms/efficient_nms").domain(DOMAIN)
                .inputs(corners, HeadMode.Decode.SCORES)
                .outputs(HeadMode.Nms.NUM_DETS, HeadMode.Nms.DET_BOXES, HeadMode.Nms.DET_SCORES, HeadMode.Nms.DET_CLASSES)
                .attr("plugin_version", "1")
                .attr("background_class", -1L)
                .attr("box_coding", 0L)
                .attr("score_activation", 0L)
                .attr("iou_threshold", settings.iouThreshold())
                .attr("score_threshold", settings.scoreThreshold())
                .attr("max_output_boxes", (long) settings.maxDetections())
                .doc(NmsGraph.DOC + " --nms-plugin efficient: TensorRT plugin node, not runnable by ONNX Runtime")
                .add();
        NmsGraph.declareOutputs(model, settings);
    }
}
