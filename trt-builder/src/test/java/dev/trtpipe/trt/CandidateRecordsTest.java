package dev.trtpipe.trt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trtpipe.darknet.DetectionSpec;
import dev.trtpipe.darknet.DetectionSpec.Head;
import dev.trtpipe.darknet.NmsKind;
import dev.trtpipe.detect.CandidateFilter.HeadRule;
import dev.trtpipe.detect.postprocess.Detection;
import dev.trtpipe.detect.postprocess.ObjectnessCutoff;
import dev.trtpipe.detect.postprocess.PostprocessSettings;
import dev.trtpipe.detect.postprocess.Postprocessor;
import dev.trtpipe.detect.preprocess.ImagePlacement;
import dev.trtpipe.detect.testing.ReferenceSpecs;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The candidate records' layout and what the decode makes of them: detections from the candidates alone equal the
 * detections from the whole heads, whatever order the kernel filled the slots in.
 */
class CandidateRecordsTest {

    private static final int ITEMS = 3;

    @Test
    void theCandidatesAloneGiveTheDetectionsOfTheWholeHeads() {
        for (DetectionSpec spec : List.of(ReferenceSpecs.yoloFastest(), newCoords(ReferenceSpecs.yolov3TinyMini()))) {
            for (float thresh : new float[] {0.25f, 0.005f, 0.6f}) {
                PostprocessSettings settings = new PostprocessSettings(thresh, 0.45f, spec.nmsKind(), spec.betaNms());
                Random random = new Random(17);
                float[][] whole = new float[spec.heads().size()][];
                float[][] sparse = new float[whole.length][];
                for (int h = 0; h < whole.length; h++) {
                    Head head = spec.heads().get(h);
                    HeadRule rule = rule(head, thresh);
                    whole[h] = heads(head, rule, random);
                    CandidateRecords.Selection selection = CandidateRecords.select(whole[h], ITEMS, rule, DeviceCandidates.CAPACITY);
                    assertThat(CandidateRecords.overflows(selection.counts(), 0, ITEMS, DeviceCandidates.CAPACITY)).isFalse();
                    sparse[h] = new float[whole[h].length];
                    Arrays.fill(sparse[h], 1e30f); // what the decode must never read: the channels of anchors not selected
                    CandidateRecords.scatter(shuffled(selection, rule, random), selection.counts(), 0, ITEMS, rule, sparse[h]);
                }
                Postprocessor decode = new Postprocessor(spec, settings);
                int found = 0;
                for (int n = 0; n < ITEMS; n++) {
                    ImagePlacement placement = ImagePlacement.of(640, 480, spec.inputWidth(), spec.inputHeight(), false);
                    List<Detection> expected = decode.process(whole, n, placement);
                    assertThat(decode.process(sparse, n, placement)).as("thresh %s item %d", thresh, n).isEqualTo(expected);
                    found += expected.size();
                }
                assertThat(found).as("the heads must hold detections for the comparison to mean something").isPositive();
                assertThat(boundaryDetections(spec, whole, decode, thresh)).as("detections right at the threshold").isPositive();
            }
        }
    }

    @Test
    void eachRecordLandsAtItsAnchorAndTheRestIsMinusInfinity() {
        // 2 items, 2 anchors, a 2x1 grid, 6 channels (1 class); item 1 has one candidate: anchor 1 of cell 0 (index 2)
        HeadRule rule = new HeadRule("h", 2, 6, 2, 1, 0f);
        int items = 2;
        float[] records = new float[items * 7];
        int record = (0 * items + 1) * 7; // slot 0 of item 1
        records[record] = Float.intBitsToFloat(2);
        for (int k = 0; k < 6; k++) {
            records[record + 1 + k] = 10 + k;
        }
        float[] head = new float[items * 2 * 6 * 2];
        Arrays.fill(head, 7f);
        CandidateRecords.scatter(FloatBuffer.wrap(records), new int[] {0, 1}, 0, items, rule, head);

        for (int n = 0; n < items; n++) {
            for (int a = 0; a < 2; a++) {
                for (int cell = 0; cell < 2; cell++) {
                    boolean candidate = n == 1 && a == 1 && cell == 0;
                    for (int k = 0; k < 6; k++) {
                        float value = head[((n * 2 + a) * 6 + k) * 2 + cell];
                        float expected = candidate ? 10 + k : k == 4 ? Float.NEGATIVE_INFINITY : 7f;
                        assertThat(value).as("item %d anchor %d cell %d channel %d", n, a, cell, k).isEqualTo(expected);
                    }
                }
            }
        }
    }

    @Test
    void moreCandidatesThanTheCapacityMeansTheWholeHead() {
        HeadRule rule = new HeadRule("h", 1, 6, 5, 1, 0f);
        float[] head = new float[2 * 6 * 5];
        Arrays.fill(head, -1f); // below the cutoff of 0
        for (int cell = 0; cell < 5; cell++) {
            head[4 * 5 + cell] = 1f; // item 0: all five anchors pass
        }
        head[30 + 4 * 5 + 3] = 1f; // item 1: one
        CandidateRecords.Selection selection = CandidateRecords.select(head, 2, rule, 2);

        assertThat(selection.counts()).containsExactly(5, 1);
        assertThat(CandidateRecords.overflows(selection.counts(), 0, 2, 2)).isTrue();
        assertThat(CandidateRecords.overflows(selection.counts(), 0, 2, 5)).isFalse();
        assertThat(CandidateRecords.overflows(selection.counts(), 1, 1, 2)).as("the counts of the second item only").isFalse();
        // what fitted is written: slots 0 and 1 of item 0, slot 0 of item 1
        assertThat(Float.floatToRawIntBits(selection.records()[0])).isEqualTo(0);
        assertThat(Float.floatToRawIntBits(selection.records()[7])).isEqualTo(3);
        assertThat(Float.floatToRawIntBits(selection.records()[14])).isEqualTo(1);
    }

    @Test
    void aRecordNamingAnAnchorOutsideTheHeadIsRefused() {
        HeadRule rule = new HeadRule("yolo_121", 1, 6, 2, 1, 0f);
        float[] records = new float[7];
        records[0] = Float.intBitsToFloat(2);
        assertThatThrownBy(() -> CandidateRecords.scatter(FloatBuffer.wrap(records), new int[] {1}, 0, 1, rule, new float[12]))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("yolo_121").hasMessageContaining("anchor 2 of 2");
    }

    /** Detections whose objectness is the first float past the decode's cutoff (activated): the boundary kept. */
    private static int boundaryDetections(DetectionSpec spec, float[][] whole, Postprocessor decode, float thresh) {
        int count = 0;
        for (int n = 0; n < ITEMS; n++) {
            for (Detection d : decode.process(whole, n, ImagePlacement.of(640, 480, spec.inputWidth(), spec.inputHeight(), false))) {
                float first = rule(spec.heads().get(0), thresh).cutoff();
                float objectness = spec.heads().get(0).newCoords() ? Math.nextUp(first) : (float) (1.0 / (1.0 + Math.exp(-Math.nextUp(first))));
                count += d.objectness() == objectness ? 1 : 0;
            }
        }
        return count;
    }

    static HeadRule rule(Head head, float thresh) {
        return new HeadRule(head.outputName(), head.anchorCount(), 5 + head.classes(), head.gridWidth(), head.gridHeight(),
                ObjectnessCutoff.of(head, thresh));
    }

    static float[] heads(Head head, HeadRule rule, Random random) {
        return CandidateCheck.heads(rule, head.newCoords(), ITEMS, random);
    }

    /** The records with each item's slots in a random order, as the kernel's atomics may leave them. */
    private static FloatBuffer shuffled(CandidateRecords.Selection selection, HeadRule rule, Random random) {
        int size = CandidateRecords.recordSize(rule);
        float[] out = selection.records().clone();
        for (int n = 0; n < ITEMS; n++) {
            List<Integer> slots = new ArrayList<>();
            for (int s = 0; s < selection.counts()[n]; s++) {
                slots.add(s);
            }
            Collections.shuffle(slots, random);
            for (int s = 0; s < slots.size(); s++) {
                System.arraycopy(selection.records(), (slots.get(s) * ITEMS + n) * size, out, (s * ITEMS + n) * size, size);
            }
        }
        return FloatBuffer.wrap(out);
    }

    static DetectionSpec newCoords(DetectionSpec s) {
        List<Head> heads = s.heads().stream().map(h -> new Head(h.layerIndex(), h.kind(), h.outputName(), h.gridWidth(), h.gridHeight(),
                h.classes(), h.anchors(), 2.0f, true)).toList();
        return new DetectionSpec(s.inputWidth(), s.inputHeight(), s.channels(), s.letterbox(), NmsKind.DEFAULT, s.betaNms(), heads);
    }
}
