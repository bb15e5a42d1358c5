package dev.trtpipe.detect;

import dev.trtpipe.darknet.DetectionSpec;
import dev.trtpipe.darknet.HeadMode;
import dev.trtpipe.darknet.NmsKind;
import dev.trtpipe.detect.postprocess.Detection;
import dev.trtpipe.detect.postprocess.NmsResults;
import dev.trtpipe.detect.preprocess.ImagePlacement;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code head_mode=nms}: the model's own suppressed detections ({@link NmsResults}). The in-graph NMS is
 * fixed at export, so settings that would need a different one are refused rather than ignored.
 */
final class NmsOutputs implements ModelOutputs {

    private final HeadMode.Nms nms;
    private final float threshold;
    private final NmsResults results;

    NmsOutputs(DetectionSpec spec, HeadMode.Nms nms, DetectorSettings settings) {
        if (settings.threshold() < nms.scoreThreshold()) {
            throw new SettingException(String.format(Locale.ROOT, "the model suppresses in its graph and keeps only"
                    + " scores above %.2f, so threshold %.2f cannot be applied", nms.scoreThreshold(), settings.threshold()),
                    String.format(Locale.ROOT, "; re-export with darknet2onnx {HEAD} nms {SCORE_THRESHOLD} %.2f, or with {HEAD} decode",
                            settings.threshold()));
        }
        if (settings.nmsThreshold() != nms.iouThreshold()) {
            throw new SettingException(String.format(Locale.ROOT, "the model suppresses in its graph at IoU %.2f,"
                    + " so NMS threshold %.2f cannot be applied; pass %.2f", nms.iouThreshold(), settings.nmsThreshold(), nms.iouThreshold()),
                    String.format(Locale.ROOT, ", or re-export with darknet2onnx {HEAD} nms {IOU_THRESHOLD} %.2f", settings.nmsThreshold()));
        }
        if (settings.nmsKind().isPresent() && settings.nmsKind().get() != NmsKind.DEFAULT) {
            throw new SettingException("the model suppresses in its graph with plain IoU (darknet's default), so nms kind "
                    + settings.nmsKind().get().cfgName() + " cannot be applied", "; re-export with darknet2onnx {HEAD} decode,"
                    + " whose NMS runs in Java with every darknet variant");
        }
        this.nms = nms;
        this.threshold = settings.threshold();
        this.results = new NmsResults(spec.inputWidth(), spec.inputHeight(), spec.classes(), settings.threshold());
    }

    @Override
    public void check(List<TensorInfo> outputs) {
        String what = "in-graph NMS results (darknet.head_mode=nms)";
        int m = nms.maxDetections();
        ModelOutputs.find(outputs, HeadMode.Nms.NUM_DETS, 1, "(N, 1)", what);
        ModelOutputs.find(outputs, HeadMode.Nms.DET_BOXES, 4L * m, "(N, " + m + ", 4)", what);
        ModelOutputs.find(outputs, HeadMode.Nms.DET_SCORES, m, "(N, " + m + ")", what);
        ModelOutputs.find(outputs, HeadMode.Nms.DET_CLASSES, m, "(N, " + m + ")", what);
    }

    @Override
    public List<Detection> detections(Map<String, float[]> outputs, int item, ImagePlacement placement) throws IOException {
        try {
            return results.read(ModelOutputs.require(outputs, HeadMode.Nms.NUM_DETS),
                    ModelOutputs.require(outputs, HeadMode.Nms.DET_BOXES), ModelOutputs.require(outputs, HeadMode.Nms.DET_SCORES),
                    ModelOutputs.require(outputs, HeadMode.Nms.DET_CLASSES), item, placement);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "nms in the model (%s, IoU %.2f, at most %d), thresh %.2f",
                nms.op() == HeadMode.NmsOp.ONNX ? "NonMaxSuppression" : "EfficientNMS_TRT", nms.iouThreshold(),
                nms.maxDetections(), threshold);
    }
}
