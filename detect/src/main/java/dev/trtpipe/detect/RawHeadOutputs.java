package dev.trtpipe.detect;

import dev.trtpipe.darknet.DetectionSpec;
import dev.trtpipe.darknet.DetectionSpec.Head;
import dev.trtpipe.darknet.DetectionSpec.HeadKind;
import dev.trtpipe.detect.postprocess.Detection;
import dev.trtpipe.detect.postprocess.ObjectnessCutoff;
import dev.trtpipe.detect.postprocess.PostprocessSettings;
import dev.trtpipe.detect.postprocess.Postprocessor;
import dev.trtpipe.detect.preprocess.ImagePlacement;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** {@code head_mode=raw}: the head convs, decoded, thresholded and suppressed by {@link Postprocessor}. */
final class RawHeadOutputs implements ModelOutputs {

    private final DetectionSpec spec;
    private final Postprocessor postprocessor;

    RawHeadOutputs(DetectionSpec spec, PostprocessSettings settings) {
        this.spec = spec;
        this.postprocessor = new Postprocessor(spec, settings);
    }

    @Override
    public void check(List<TensorInfo> outputs) {
        for (Head head : spec.heads()) {
            ModelOutputs.find(outputs, head.outputName(), (long) head.channels() * head.gridHeight() * head.gridWidth(),
                    "(N, " + head.channels() + ", " + head.gridHeight() + ", " + head.gridWidth() + ")",
                    "detection layer " + head.layerIndex());
        }
    }

    @Override
    public List<Detection> detections(Map<String, float[]> outputs, int item, ImagePlacement placement) throws IOException {
        float[][] heads = new float[spec.heads().size()][];
        for (int h = 0; h < heads.length; h++) {
            heads[h] = ModelOutputs.require(outputs, spec.heads().get(h).outputName());
        }
        return postprocessor.process(heads, item, placement);
    }

    /**
     * One rule per head at the decode's own cutoff, when every head is {@code [yolo]} and the threshold lets
     * anything be dropped; empty for {@code [region]} heads (their decode reads every anchor).
     */
    @Override
    public Optional<CandidateFilter> candidateFilter() {
        float threshold = postprocessor.settings().threshold();
        List<CandidateFilter.HeadRule> rules = new ArrayList<>();
        for (Head head : spec.heads()) {
            float cutoff = head.kind() == HeadKind.YOLO ? ObjectnessCutoff.of(head, threshold) : Float.NEGATIVE_INFINITY;
            if (!(cutoff > Float.NEGATIVE_INFINITY)) {
                return Optional.empty();
            }
            rules.add(new CandidateFilter.HeadRule(head.outputName(), head.anchorCount(), 5 + head.classes(), head.gridWidth(),
                    head.gridHeight(), cutoff));
        }
        return Optional.of(new CandidateFilter(rules));
    }

    @Override
    public String describe() {
        return describe(postprocessor.settings());
    }

    static String describe(PostprocessSettings s) {
        return String.format(Locale.ROOT, "nms %s %.2f, thresh %.2f", s.nmsKind().cfgName(), s.nmsThreshold(), s.threshold());
    }
}
