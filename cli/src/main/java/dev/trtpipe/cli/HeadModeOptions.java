package dev.trtpipe.cli;

import dev.trtpipe.darknet.HeadMode;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code --head raw|decode|nms} and the in-graph NMS settings of {@code darknet2onnx}. */
final class HeadModeOptions {

    static final float DEFAULT_SCORE_THRESHOLD = 0.25f;
    static final float DEFAULT_IOU_THRESHOLD = 0.45f;
    static final int DEFAULT_MAX_DETECTIONS = 100;

    private HeadModeOptions() {
    }

    static Options addTo(Options o) {
        return o.addOption(Option.builder().longOpt("head").hasArg().argName("MODE")
                        .desc("model outputs: raw (head convs, default), decode (boxes, objectness, scores),"
                                + " nms (num_dets, det_boxes, det_scores, det_classes)").get())
                .addOption(Option.builder().longOpt("nms-plugin").hasArg().argName("OP")
                        .desc("with --head nms: onnx (NonMaxSuppression, default) or efficient (TensorRT EfficientNMS_TRT"
                                + " plugin node; not runnable by ONNX Runtime)").get())
                .addOption(Option.builder().longOpt("score-thresh").hasArg().argName("T")
                        .desc("with --head nms: keep class scores above T (default " + DEFAULT_SCORE_THRESHOLD + ")").get())
                .addOption(Option.builder().longOpt("iou-thresh").hasArg().argName("T")
                        .desc("with --head nms: drop boxes overlapping a kept box of their class by more (default "
                                + DEFAULT_IOU_THRESHOLD + ")").get())
                .addOption(Option.builder().longOpt("max-dets").hasArg().argName("M")
                        .desc("with --head nms: detections per image (default " + DEFAULT_MAX_DETECTIONS + ")").get());
    }

    static HeadMode parse(CommandLine line) throws UsageException {
        String mode = line.getOptionValue("head", "raw").toLowerCase(Locale.ROOT);
        boolean nmsOptions = line.hasOption("nms-plugin") || line.hasOption("score-thresh") || line.hasOption("iou-thresh")
                || line.hasOption("max-dets");
        switch (mode) {
            case "raw", "decode" -> {
                if (nmsOptions) {
                    throw new UsageException("--nms-plugin, --score-thresh, --iou-thresh and --max-dets need --head nms");
                }
                return mode.equals("raw") ? HeadMode.raw() : HeadMode.decode();
            }
            case "nms" -> {
                String opName = line.getOptionValue("nms-plugin", HeadMode.NmsOp.ONNX.cliName());
                HeadMode.NmsOp op = HeadMode.NmsOp.fromCliName(opName.toLowerCase(Locale.ROOT));
                if (op == null) {
                    throw new UsageException("--nms-plugin must be onnx or efficient, got '" + opName + "'");
                }
                return new HeadMode.Nms(op, threshold(line, "score-thresh", DEFAULT_SCORE_THRESHOLD, false),
                        threshold(line, "iou-thresh", DEFAULT_IOU_THRESHOLD, true),
                        CommonOptions.intValue(line, "max-dets", DEFAULT_MAX_DETECTIONS, 1, 100_000));
            }
            default -> throw new UsageException("--head must be raw, decode or nms, got '" + mode + "'");
        }
    }

    /** A score threshold in [0, 1) or an IoU threshold in (0, 1]. */
    private static float threshold(CommandLine line, String option, float fallback, boolean iou) throws UsageException {
        String value = line.getOptionValue(option);
        if (value == null) {
            return fallback;
        }
        try {
            float f = Float.parseFloat(value.trim());
            if (iou ? f > 0 && f <= 1 : f >= 0 && f < 1) {
                return f;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--" + option + " must be a number in " + (iou ? "(0, 1]" : "[0, 1)") + ", got '" + value + "'");
    }
}
