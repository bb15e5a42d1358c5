package dev.trtpipe.cli;

import dev.trtpipe.darknet.HeadMode;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** {@code --head raw|decode|nms} and the in-graph NMS settings of {@code darknet2onnx}. */
final class HeadModeOptions {

    static final float DEFAULT_SCORE_THRESHOLD = 0.25f;
    static final float DEFAULT_IOU_THRESHOLD = 0.45f;
    static final int DEFAULT_MAX_DETECTIONS = 100;

    private HeadModeOptions() {
    }

    /** The head modes by their {@code --head} names. */
    private static final ValueType<String> MODE = Values.choice("must be raw, decode or nms",
            Map.of("raw", "raw", "decode", "decode", "nms", "nms"));
    private static final ValueType<HeadMode.NmsOp> NMS_OP = Values.choice("must be onnx or efficient",
            Arrays.stream(HeadMode.NmsOp.values()).collect(Collectors.toMap(HeadMode.NmsOp::cliName, op -> op)));

    static Options addTo(Options o) {
        return o.addOption(CommonOptions.value("head", "MODE", MODE, "model outputs: raw (head convs, default), decode (boxes,"
                        + " objectness, scores), nms (num_dets, det_boxes, det_scores, det_classes)"))
                .addOption(CommonOptions.value("nms-plugin", "OP", NMS_OP, "with --head nms: onnx (NonMaxSuppression, default) or"
                        + " efficient (TensorRT EfficientNMS_TRT plugin node; not runnable by ONNX Runtime)"))
                .addOption(CommonOptions.value("score-thresh", "T", Values.floatIn(0, true, 1, false),
                        "with --head nms: keep class scores above T (default " + DEFAULT_SCORE_THRESHOLD + ")"))
                .addOption(CommonOptions.value("iou-thresh", "T", Values.floatIn(0, false, 1, true),
                        "with --head nms: drop boxes overlapping a kept box of their class by more (default " + DEFAULT_IOU_THRESHOLD + ")"))
                .addOption(CommonOptions.value("max-dets", "M", Values.intIn(1, 100_000),
                        "with --head nms: detections per image (default " + DEFAULT_MAX_DETECTIONS + ")"));
    }

    static HeadMode parse(CommandLine line) throws UsageException {
        String mode = Values.get(line, "head", "raw");
        boolean nmsOptions = line.hasOption("nms-plugin") || line.hasOption("score-thresh") || line.hasOption("iou-thresh")
                || line.hasOption("max-dets");
        if (!mode.equals("nms")) {
            if (nmsOptions) {
                throw new UsageException("--nms-plugin, --score-thresh, --iou-thresh and --max-dets need --head nms");
            }
            return mode.equals("raw") ? HeadMode.raw() : HeadMode.decode();
        }
        return new HeadMode.Nms(Values.get(line, "nms-plugin", HeadMode.NmsOp.ONNX),
                Values.get(line, "score-thresh", DEFAULT_SCORE_THRESHOLD), Values.get(line, "iou-thresh", DEFAULT_IOU_THRESHOLD),
                Values.get(line, "max-dets", DEFAULT_MAX_DETECTIONS));
    }
}
