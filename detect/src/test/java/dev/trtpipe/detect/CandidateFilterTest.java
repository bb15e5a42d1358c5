package dev.trtpipe.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trtpipe.darknet.DetectionSpec;
import dev.trtpipe.darknet.DetectionSpec.Head;
import dev.trtpipe.darknet.NmsKind;
import dev.trtpipe.detect.postprocess.PostprocessSettings;
import dev.trtpipe.detect.testing.ReferenceSpecs;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The prefilter's selection rule against the decode's threshold, written here from darknet's definition: an anchor
 * of a logistic head is kept when {@code (float) (1 / (1 + exp(-x))) > thresh}, of a {@code new_coords} head when
 * {@code x > thresh}. The rule must select every such value, right at the boundary included.
 */
class CandidateFilterTest {

    private static final float[] THRESHOLDS = {0.25f, 0.005f, 0.5f, 0.9f, 0f, 0.999f, 1e-7f};

    @Test
    void noLogitTheDecodeKeepsIsDropped() {
        for (float thresh : THRESHOLDS) {
            CandidateFilter.HeadRule rule = rawRules(ReferenceSpecs.yoloFastest(), thresh).get(0);
            float boundary = firstKept(thresh);
            // 4096 floats either side of the first kept logit, where the rule and the threshold meet
            float x = boundary;
            for (int i = 0; i < 4096; i++) {
                x = Math.nextDown(x);
            }
            int kept = 0;
            for (int i = 0; i < 8192; i++, x = Math.nextUp(x)) {
                if (keptByDarknet(x, thresh)) {
                    kept++;
                    assertThat(rule.selects(x)).as("logit %s at thresh %s", x, thresh).isTrue();
                }
            }
            assertThat(kept).as("thresh %s", thresh).isEqualTo(4096);
            assertThat(rule.selects(Math.nextDown(boundary))).as("the margin selects below the boundary too").isTrue();
        }
    }

    @Test
    void noActivatedValueTheDecodeKeepsIsDropped() {
        for (float thresh : THRESHOLDS) {
            CandidateFilter.HeadRule rule = rawRules(newCoords(), thresh).get(0);
            assertThat(rule.cutoff()).isEqualTo(thresh);
            for (float x = Math.nextUp(thresh), i = 0; i < 4096; i++, x = Math.nextUp(x)) {
                assertThat(rule.selects(x)).as("value %s at thresh %s", x, thresh).isTrue();
            }
            assertThat(rule.selects(thresh)).isTrue();
        }
    }

    @Test
    void theMarginLowersEveryFiniteCutoff() {
        float[] cutoffs = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, 1e-30f, -1e-30f, 1f, -1f, -1.0986123f,
                1e30f, -1e30f, Float.MAX_VALUE, -Float.MAX_VALUE};
        for (float c : cutoffs) {
            assertThat(CandidateFilter.lowered(c)).as("cutoff %s", c).isLessThan(c);
        }
        assertThat(CandidateFilter.lowered(Float.POSITIVE_INFINITY)).isEqualTo(Float.POSITIVE_INFINITY);
        // far from the cutoff the rule still drops: it is a filter, not a pass-through
        CandidateFilter.HeadRule rule = rawRules(ReferenceSpecs.yoloFastest(), 0.25f).get(0);
        assertThat(rule.selects(-1.2f)).isFalse();
        assertThat(rule.selects(Float.NaN)).isFalse();
    }

    @Test
    void rawYoloHeadsGetOneRulePerHead() {
        DetectionSpec spec = ReferenceSpecs.yoloFastest();
        List<CandidateFilter.HeadRule> rules = rawRules(spec, 0.25f);

        assertThat(rules).hasSize(2);
        for (int h = 0; h < 2; h++) {
            Head head = spec.heads().get(h);
            CandidateFilter.HeadRule rule = rules.get(h);
            assertThat(rule.output()).isEqualTo(head.outputName());
            assertThat(rule.anchors()).isEqualTo(3);
            assertThat(rule.channels()).isEqualTo(85);
            assertThat(rule.plane()).isEqualTo(head.gridWidth() * head.gridHeight());
            assertThat(rule.itemSize()).isEqualTo(head.channels() * head.gridWidth() * head.gridHeight());
            // the decode's cutoff is the largest logit darknet does not keep
            assertThat(keptByDarknet(rule.cutoff(), 0.25f)).isFalse();
            assertThat(keptByDarknet(Math.nextUp(rule.cutoff()), 0.25f)).isTrue();
        }
    }

    @Test
    void regionHeadsAreNotFiltered() {
        assertThat(outputs(ReferenceSpecs.yolov2TinyMini(), 0.25f).candidateFilter()).isEmpty();
        assertThatThrownBy(() -> new CandidateFilter.HeadRule("h", 3, 85, 10, 10, Float.NEGATIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keeps every anchor");
    }

    private static boolean keptByDarknet(float x, float thresh) {
        return (float) (1.0 / (1.0 + Math.exp(-x))) > thresh;
    }

    /** The smallest float darknet keeps at {@code thresh}, by bisection over the ordered floats. */
    private static float firstKept(float thresh) {
        float lo = -200f; // darknet's logistic is 0 in float there
        float hi = 100f;
        while (Math.nextUp(lo) < hi) {
            float mid = lo + (hi - lo) / 2;
            if (mid == lo || mid == hi) {
                mid = Math.nextUp(lo);
            }
            if (keptByDarknet(mid, thresh)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    private static DetectionSpec newCoords() {
        Head h = ReferenceSpecs.yolov3TinyMini().heads().get(0);
        return new DetectionSpec(160, 128, 3, false, NmsKind.DEFAULT, 0.6f, List.of(new Head(h.layerIndex(), h.kind(), h.outputName(),
                h.gridWidth(), h.gridHeight(), h.classes(), h.anchors(), 2.0f, true)));
    }

    private static List<CandidateFilter.HeadRule> rawRules(DetectionSpec spec, float thresh) {
        return outputs(spec, thresh).candidateFilter().orElseThrow().heads();
    }

    private static RawHeadOutputs outputs(DetectionSpec spec, float thresh) {
        return new RawHeadOutputs(spec, new PostprocessSettings(thresh, 0.45f, spec.nmsKind(), spec.betaNms()));
    }
}
