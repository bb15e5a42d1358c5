package dev.trtpipe.tools.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trtpipe.darknet.DetectionSpec;
import dev.trtpipe.detect.testing.DetectionsTsv;
import dev.trtpipe.detect.testing.ReferenceSpecs;
import dev.trtpipe.detect.testing.SharedRefs;
import dev.trtpipe.trt.Precision;
import dev.trtpipe.trt.check.ErrorStats;
import dev.trtpipe.tools.selftest.GpuSelfTest.DetectionCheck;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The self-test's detection column on darknet's own head tensors for dog.jpg (Yolo-Fastest, AB resize run,
 * whose detections.tsv has 8 rows), against perturbed copies standing in for an engine's outputs.
 */
class DarknetDetectionComparatorTest {

    private static final String AB_RESIZE = "trained/alexeyab/yolo-fastest-1.1_dog_resize";
    private static final String PJ_LETTERBOX = "trained/pjreddie/yolo-fastest-1.1_dog_letterbox";
    private static final DetectionSpec SPEC = ReferenceSpecs.yoloFastest();
    private static final Map<String, String> METADATA = SPEC.toMetadata();

    private final DarknetDetectionComparator comparator = new DarknetDetectionComparator();
    private final Map<String, float[]> darknet = heads(AB_RESIZE);

    @Test
    void identicalOutputsGiveDarknetsDetections() {
        int rows = DetectionsTsv.read(SharedRefs.resolve("ref/" + AB_RESIZE + "/detections.tsv")).size();

        assertThat(check(Precision.FP32, darknet)).isEqualTo(new DetectionCheck(true, "yes (" + rows + " detections)"));
    }

    @Test
    void fp16RoundingOfEveryOutputStillAgrees() {
        assertThat(check(Precision.FP16, map(darknet, DarknetDetectionComparatorTest::toHalfPrecision)).agree()).isTrue();
    }

    @Test
    void everyImageOfABatchIsCompared() {
        Map<String, float[]> twice = map(darknet, v -> concat(v, v));
        Map<String, float[]> secondEmpty = map(darknet, v -> concat(v, new float[v.length]));

        assertThat(check(Precision.FP32, twice, twice).summary()).isEqualTo("yes (16 detections)");
        assertThat(check(Precision.FP32, twice, secondEmpty).summary()).startsWith("no: image 1: class 2 0.88");
    }

    @Test
    void anotherRunsDetectionsDiffer() {
        DetectionCheck result = check(Precision.FP32, heads(PJ_LETTERBOX));

        assertThat(result.agree()).isFalse();
        assertThat(result.summary()).startsWith("no: image 0: ");
    }

    /** All-zero logits: every probability is 0.5 · 0.5 = 0.25, not above the threshold, so nothing is detected. */
    @Test
    void anEngineThatFindsNothingDiffersAtEveryPrecision() {
        Map<String, float[]> zeros = map(darknet, v -> new float[v.length]);

        assertThat(check(Precision.FP16, zeros).summary()).isEqualTo("no: image 0: class 2 0.88 at (0.74, 0.22) has no match in the engine's detections");
        assertThat(check(Precision.INT8, zeros).summary()).isEqualTo("no: image 0: top detection class 2 0.88 at (0.74, 0.22) vs the engine's none");
    }

    /** Logits scaled by 0.9 move probabilities by more than 0.02 but keep the top detection: fp16 fails, int8 passes. */
    @Test
    void int8IsHeldToTheTopDetectionOnly() {
        Map<String, float[]> shrunk = map(darknet, v -> {
            float[] s = v.clone();
            for (int i = 0; i < s.length; i++) {
                s[i] *= 0.9f;
            }
            return s;
        });

        assertThat(check(Precision.FP16, shrunk).agree()).isFalse();
        assertThat(check(Precision.INT8, shrunk)).isEqualTo(new DetectionCheck(true, "yes (top detection of 1 image)"));
    }

    @Test
    void aModelWithoutDarknetMetadataIsNotChecked() {
        assertThat(comparator.compare(Map.of("trtpipe.synthetic", "convnet"), Precision.FP32, darknet, darknet)).isEmpty();
    }

    @Test
    void differingDetectionsFailFp32AndFp16ButNotInt8() {
        ErrorStats small = new ErrorStats(1e-4, 1e-5);
        Optional<DetectionCheck> differ = Optional.of(new DetectionCheck(false, "no: ..."));

        assertThat(GpuSelfTest.verdict(Precision.FP32, small, differ)).isEqualTo("FAIL (detections differ)");
        assertThat(GpuSelfTest.verdict(Precision.FP16, small, differ)).isEqualTo("FAIL (detections differ)");
        assertThat(GpuSelfTest.verdict(Precision.INT8, small, differ)).isEqualTo("reported (no target)");
        assertThat(GpuSelfTest.verdict(Precision.FP16, small, Optional.empty())).isEqualTo("ok (<= 5e-3)");
    }

    private DetectionCheck check(Precision precision, Map<String, float[]> engine) {
        return check(precision, darknet, engine);
    }

    private DetectionCheck check(Precision precision, Map<String, float[]> reference, Map<String, float[]> engine) {
        return comparator.compare(METADATA, precision, reference, engine).orElseThrow();
    }

    /** darknet's head-conv dumps of run {@code dir}, by the output names the converter gives them. */
    private static Map<String, float[]> heads(String dir) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (DetectionSpec.Head h : SPEC.heads()) {
            out.put(h.outputName(), SharedRefs.floats(SharedRefs.resolve(String.format("ref/%s/layer_%03d.bin", dir, h.layerIndex()))));
        }
        return out;
    }

    private static Map<String, float[]> map(Map<String, float[]> outputs, UnaryOperator<float[]> f) {
        Map<String, float[]> out = new LinkedHashMap<>();
        outputs.forEach((k, v) -> out.put(k, f.apply(v)));
        return out;
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = new float[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Rounds to the nearest value with fp16's 10-bit mantissa (the logits are far inside fp16's range). */
    private static float[] toHalfPrecision(float[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Float.intBitsToFloat((Float.floatToRawIntBits(values[i]) + 0x1000) & ~0x1FFF);
        }
        return out;
    }
}
