package dev.trtpipe.tools.selftest;

import dev.trtpipe.darknet.DetectionSpec;
import dev.trtpipe.darknet.DetectionSpec.Head;
import dev.trtpipe.detect.ClassNames;
import dev.trtpipe.detect.postprocess.Detection;
import dev.trtpipe.detect.postprocess.PostprocessSettings;
import dev.trtpipe.detect.postprocess.Postprocessor;
import dev.trtpipe.detect.preprocess.ImagePlacement;
import dev.trtpipe.trt.Precision;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The self-test's detection check for darknet models: both output sets decoded by detect's
 * {@link Postprocessor} with the model's {@link DetectionSpec} and darknet's default thresholds, then
 * compared image by image.
 *
 * <ul>
 *   <li>fp32, fp16: the same detections — each box matched one to one within its class at
 *       IoU ≥ {@value #MATCH_IOU} with probabilities within {@value #PROBABILITY_TOLERANCE} — so the same
 *       class set. A detection whose probability is within that tolerance of the threshold may appear on
 *       one side only: the other side's value may fall just under the threshold.</li>
 *   <li>int8: each image's top detection — same class, IoU ≥ {@value #INT8_TOP_IOU}. Calibrated ranges
 *       move probabilities by more than fp16 does, so only the main finding is held to agree.</li>
 * </ul>
 * Boxes stay relative to the network input (the input was prepared from the test images before either run).
 */
public final class DarknetDetectionComparator implements GpuSelfTest.DetectionComparator {

    static final double MATCH_IOU = 0.95;
    static final float PROBABILITY_TOLERANCE = 0.02f;
    static final double INT8_TOP_IOU = 0.5;

    @Override
    public Optional<GpuSelfTest.DetectionCheck> compare(Map<String, String> modelMetadata, Precision precision,
                                                        Map<String, float[]> reference, Map<String, float[]> candidate) {
        if (!DetectionSpec.isPresentIn(modelMetadata)) {
            return Optional.empty();
        }
        DetectionSpec spec = DetectionSpec.fromMetadata(modelMetadata);
        Postprocessor post = new Postprocessor(spec, PostprocessSettings.defaultsFor(spec));
        ImagePlacement wholeInput = ImagePlacement.of(spec.inputWidth(), spec.inputHeight(), spec.inputWidth(), spec.inputHeight(), false);
        float[][] referenceHeads = heads(spec, reference, "reference");
        float[][] candidateHeads = heads(spec, candidate, "engine");
        int images = referenceHeads[0].length / post.headItemSize(0);
        int detections = 0;
        for (int i = 0; i < images; i++) {
            List<Detection> expected = post.process(referenceHeads, i, wholeInput);
            List<Detection> actual = post.process(candidateHeads, i, wholeInput);
            Optional<String> difference = precision == Precision.INT8 ? topDiffers(expected, actual)
                    : firstDifference(expected, actual, post.settings().threshold());
            if (difference.isPresent()) {
                return Optional.of(new GpuSelfTest.DetectionCheck(false, "no: image " + i + ": " + difference.get()));
            }
            detections += expected.size();
        }
        return Optional.of(new GpuSelfTest.DetectionCheck(true, "yes (" + (precision == Precision.INT8 ? "top detection of "
                + images + " image" + (images == 1 ? "" : "s") : detections + " detections") + ")"));
    }

    private static float[][] heads(DetectionSpec spec, Map<String, float[]> outputs, String run) {
        float[][] heads = new float[spec.heads().size()][];
        for (int h = 0; h < heads.length; h++) {
            Head head = spec.heads().get(h);
            heads[h] = outputs.get(head.outputName());
            if (heads[h] == null) {
                throw new IllegalArgumentException("the " + run + " run has no output '" + head.outputName()
                        + "' for detection layer " + head.layerIndex() + "; outputs: " + outputs.keySet());
            }
        }
        return heads;
    }

    /** The first detection without a partner on the other side, if any (see the class comment for "partner"). */
    private static Optional<String> firstDifference(List<Detection> expected, List<Detection> actual, float threshold) {
        boolean[] taken = new boolean[actual.size()];
        List<Detection> unmatched = new ArrayList<>();
        for (Detection e : expected) {
            int best = -1;
            double bestIou = MATCH_IOU;
            for (int j = 0; j < actual.size(); j++) {
                Detection a = actual.get(j);
                double iou = e.box().iou(a.box());
                if (!taken[j] && a.classId() == e.classId() && iou >= bestIou
                        && Math.abs(a.probability() - e.probability()) <= PROBABILITY_TOLERANCE) {
                    best = j;
                    bestIou = iou;
                }
            }
            if (best >= 0) {
                taken[best] = true;
            } else if (e.probability() > threshold + PROBABILITY_TOLERANCE) {
                return Optional.of(describe(e) + " has no match in the engine's detections");
            }
        }
        for (int j = 0; j < actual.size(); j++) {
            if (!taken[j] && actual.get(j).probability() > threshold + PROBABILITY_TOLERANCE) {
                return Optional.of("the engine found " + describe(actual.get(j)) + ", ONNX Runtime did not");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> topDiffers(List<Detection> expected, List<Detection> actual) {
        Optional<Detection> e = expected.stream().max(Comparator.comparingDouble(Detection::probability));
        Optional<Detection> a = actual.stream().max(Comparator.comparingDouble(Detection::probability));
        if (e.isEmpty() || a.isEmpty()) {
            return e.isEmpty() && a.isEmpty() ? Optional.empty()
                    : Optional.of("top detection " + e.map(DarknetDetectionComparator::describe).orElse("none") + " vs the engine's "
                    + a.map(DarknetDetectionComparator::describe).orElse("none"));
        }
        boolean same = e.get().classId() == a.get().classId() && e.get().box().iou(a.get().box()) >= INT8_TOP_IOU;
        return same ? Optional.empty()
                : Optional.of("top detection " + describe(e.get()) + " vs the engine's " + describe(a.get()));
    }

    private static String describe(Detection d) {
        return String.format(Locale.ROOT, "%s %.2f at (%.2f, %.2f)", ClassNames.numbered().name(d.classId()), d.probability(),
                d.box().x(), d.box().y());
    }
}
