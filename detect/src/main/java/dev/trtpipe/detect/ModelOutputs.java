package dev.trtpipe.detect;

import dev.trtpipe.darknet.DetectionSpec;
import dev.trtpipe.darknet.HeadMode;
import dev.trtpipe.detect.postprocess.Detection;
import dev.trtpipe.detect.preprocess.ImagePlacement;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a model's outputs become darknet's detections, chosen by the {@link HeadMode} in its metadata:
 * raw heads are decoded in Java, decoded candidates go straight to Java's thresholds and NMS, in-graph
 * NMS results only get the image-dependent letterbox correction and pixel boxes.
 */
sealed interface ModelOutputs permits RawHeadOutputs, DecodedOutputs, NmsOutputs {

    /**
     * @throws IllegalArgumentException {@code settings} ask for what the mode cannot do (e.g. a lower
     *                                  threshold than a model with in-graph NMS was exported with)
     */
    static ModelOutputs of(DetectionSpec spec, HeadMode mode, DetectorSettings settings) {
        if (mode instanceof HeadMode.Decode) {
            return new DecodedOutputs(spec, settings.postprocessFor(spec));
        }
        if (mode instanceof HeadMode.Nms nms) {
            return new NmsOutputs(spec, nms, settings);
        }
        return new RawHeadOutputs(spec, settings.postprocessFor(spec));
    }

    /**
     * Checks that the backend outputs what this mode reads.
     *
     * @throws IllegalArgumentException saying which output is missing or has the wrong shape
     */
    void check(List<TensorInfo> outputs);

    /** Detections of batch item {@code item}, sorted by falling probability. */
    List<Detection> detections(Map<String, float[]> outputs, int item, ImagePlacement placement) throws IOException;

    /** The post-processing in words, e.g. {@code nms greedynms 0.45, thresh 0.25}. */
    String describe();

    /** Which anchors a backend may bring back alone (raw YOLO heads only): empty where every value is read. */
    default Optional<CandidateFilter> candidateFilter() {
        return Optional.empty();
    }

    /** The output {@code name}; a backend that declared but did not return it is broken. */
    static float[] require(Map<String, float[]> outputs, String name) throws IOException {
        float[] values = outputs.get(name);
        if (values == null) {
            throw new IOException("the backend returned no output '" + name + "' (it returned " + outputs.keySet() + ")");
        }
        return values;
    }

    /**
     * The output {@code name} with {@code perItem} elements per batch item.
     *
     * @throws IllegalArgumentException it is missing or its size differs
     */
    static TensorInfo find(List<TensorInfo> outputs, String name, long perItem, String shape, String what) {
        TensorInfo out = outputs.stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("has no output '" + name + "' for " + what + " (outputs: "
                        + outputs.stream().map(TensorInfo::name).toList() + "); re-convert the model"));
        if (out.elementsPerItem() >= 0 && out.elementsPerItem() != perItem) {
            throw new IllegalArgumentException("output " + out + " should be " + shape + " for " + what + "; re-convert the model");
        }
        return out;
    }
}
