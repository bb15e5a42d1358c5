package dev.trtpipe.detect;

import dev.trtpipe.darknet.DetectionSpec;
import dev.trtpipe.darknet.DetectionSpec.Head;
import dev.trtpipe.detect.postprocess.Detection;
import dev.trtpipe.detect.postprocess.PostprocessSettings;
import dev.trtpipe.detect.postprocess.Postprocessor;
import dev.trtpipe.detect.preprocess.ImagePlacement;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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

    @Override
    public String describe() {
        return describe(postprocessor.settings());
    }

    static String describe(PostprocessSettings s) {
        return String.format(Locale.ROOT, "nms %s %.2f, thresh %.2f", s.nmsKind().cfgName(), s.nmsThreshold(), s.threshold());
    }
}
