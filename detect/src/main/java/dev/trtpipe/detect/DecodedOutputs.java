package dev.trtpipe.detect;

import dev.trtpipe.darknet.DetectionSpec;
import dev.trtpipe.darknet.HeadMode;
import dev.trtpipe.detect.postprocess.Candidates;
import dev.trtpipe.detect.postprocess.Detection;
import dev.trtpipe.detect.postprocess.PostprocessSettings;
import dev.trtpipe.detect.postprocess.Postprocessor;
import dev.trtpipe.detect.preprocess.ImagePlacement;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * {@code head_mode=decode}: the model decoded the heads; darknet's threshold rule
 * ({@link Candidates#fromDense}), letterbox correction and NMS variant run in Java, as for raw heads.
 */
final class DecodedOutputs implements ModelOutputs {

    private final int candidates;
    private final int classes;
    private final Postprocessor postprocessor;

    DecodedOutputs(DetectionSpec spec, PostprocessSettings settings) {
        this.candidates = spec.heads().stream().mapToInt(h -> h.anchorCount() * h.gridWidth() * h.gridHeight()).sum();
        this.classes = spec.classes();
        this.postprocessor = new Postprocessor(spec, settings);
    }

    @Override
    public void check(List<TensorInfo> outputs) {
        String what = "decoded candidates (darknet.head_mode=decode)";
        ModelOutputs.find(outputs, HeadMode.Decode.BOXES, 4L * candidates, "(N, " + candidates + ", 4)", what);
        ModelOutputs.find(outputs, HeadMode.Decode.OBJECTNESS, candidates, "(N, " + candidates + ", 1)", what);
        ModelOutputs.find(outputs, HeadMode.Decode.SCORES, (long) classes * candidates, "(N, " + candidates + ", " + classes + ")", what);
    }

    @Override
    public List<Detection> detections(Map<String, float[]> outputs, int item, ImagePlacement placement) throws IOException {
        Candidates c = Candidates.fromDense(candidates, classes, postprocessor.settings().threshold(),
                ModelOutputs.require(outputs, HeadMode.Decode.BOXES), item * 4 * candidates,
                ModelOutputs.require(outputs, HeadMode.Decode.OBJECTNESS), item * candidates,
                ModelOutputs.require(outputs, HeadMode.Decode.SCORES), item * classes * candidates);
        return postprocessor.finish(c, placement);
    }

    @Override
    public String describe() {
        return RawHeadOutputs.describe(postprocessor.settings());
    }
}
