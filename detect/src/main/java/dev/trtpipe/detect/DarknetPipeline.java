package dev.trtpipe.detect;

import dev.trtpipe.darknet.DetectionSpec;
import dev.trtpipe.darknet.HeadMode;
import dev.trtpipe.detect.postprocess.Detection;
import dev.trtpipe.detect.postprocess.PostprocessSettings;
import dev.trtpipe.detect.preprocess.ImagePlacement;
import dev.trtpipe.detect.preprocess.Preprocessor;
import dev.trtpipe.detect.preprocess.RgbImage;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * darknet's pre- and post-processing for a model converted by trtpipe: {@link Preprocessor}'s resize or
 * letterbox, then the decoding its {@link HeadMode} calls for ({@link ModelOutputs}).
 */
public final class DarknetPipeline implements DetectionPipeline {

    private final DetectionSpec spec;
    private final HeadMode headMode;
    private final Preprocessor preprocessor;
    private final ModelOutputs outputs;
    private final PostprocessSettings postprocessSettings;

    /**
     * @throws IllegalArgumentException {@code settings} cannot apply to the head mode (e.g. a lower threshold
     *                                  than an in-graph NMS was exported with)
     */
    public DarknetPipeline(DetectionSpec spec, HeadMode headMode, DetectorSettings settings) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.headMode = Objects.requireNonNull(headMode, "headMode");
        this.outputs = ModelOutputs.of(spec, headMode, settings);
        this.preprocessor = new Preprocessor(spec.inputWidth(), spec.inputHeight(), settings.letterboxFor(spec));
        this.postprocessSettings = settings.postprocessFor(spec);
    }

    public DetectionSpec spec() {
        return spec;
    }

    public HeadMode headMode() {
        return headMode;
    }

    public Preprocessor preprocessor() {
        return preprocessor;
    }

    public PostprocessSettings postprocessSettings() {
        return postprocessSettings;
    }

    @Override
    public int inputWidth() {
        return spec.inputWidth();
    }

    @Override
    public int inputHeight() {
        return spec.inputHeight();
    }

    @Override
    public int inputChannels() {
        return spec.channels();
    }

    @Override
    public int classes() {
        return spec.classes();
    }

    @Override
    public int tensorSize() {
        return preprocessor.tensorSize();
    }

    @Override
    public ImagePlacement write(RgbImage image, float[] dst, int offset) {
        return preprocessor.write(image, dst, offset);
    }

    @Override
    public void checkOutputs(List<TensorInfo> backendOutputs) {
        outputs.check(backendOutputs);
    }

    @Override
    public List<Detection> detections(Map<String, float[]> results, int item, ImagePlacement placement) throws IOException {
        return outputs.detections(results, item, placement);
    }

    /** Which anchors a backend may bring back alone ({@link CandidateFilter}); empty unless the outputs are raw YOLO heads. */
    public Optional<CandidateFilter> candidateFilter() {
        return outputs.candidateFilter();
    }

    @Override
    public String describePreprocessing() {
        return preprocessor.letterbox() ? "letterbox" : "resize";
    }

    @Override
    public String describePostprocessing() {
        return outputs.describe();
    }
}
