package dev.trtpipe.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Small cases computed by hand from pycocotools' definitions (cocoeval.py): greedy matching by score at
 * each IoU threshold, precision envelope sampled at 101 recall points (searchsorted, left), mean over the
 * entries that are not -1. Every case also runs through {@link PortedCocoEval}, which must agree to the bit.
 */
class CocoEvaluatorTest {

    private static final int AP = 0, AP50 = 1, AP75 = 2, APS = 3, APM = 4, APL = 5, AR1 = 6, AR10 = 7, AR100 = 8, ARS = 9, ARM = 10, ARL = 11;

    @Test
    void oneExactMatchOfAMediumBoxScoresOneWhereTheBoxCountsAndMinusOneElsewhere() {
        double[] s = new CocoCases().image(1).category(1).gt(1, 1, 10, 10, 40, 40).dt(1, 1, 10, 10, 40, 40, 0.9).stats();
        // 40·40 = 1600 is medium (32² < 1600 < 96²): small and large have no ground truth to score → -1
        // precision is tp / (tp + fp + eps) as in pycocotools, so a perfect AP is 1 − 2⁻⁵² (it prints as 1.000)
        assertThat(s).containsExactly(new double[]{1, 1, 1, -1, 1, -1, 1, 1, 1, -1, 1, -1}, within(1e-12));
    }

    @Test
    void aFalsePositiveBetweenTwoHitsIsSampledFromTheEnvelope() {
        double[] s = new CocoCases().image(1).category(1)
                .gt(1, 1, 0, 0, 100, 100).gt(1, 1, 200, 200, 100, 100)
                .dt(1, 1, 0, 0, 100, 100, 0.9).dt(1, 1, 400, 0, 50, 50, 0.8).dt(1, 1, 200, 200, 100, 100, 0.7).stats();
        // TP FP TP: recall .5 .5 1, precision 1 .5 2/3 → envelope 1 2/3 2/3; thresholds 0–.50 (51) read 1, .51–1 (50) read 2/3
        double expected = (51 + 50 * (2.0 / 3)) / 101;
        assertThat(s[AP]).isCloseTo(expected, within(1e-12));
        assertThat(s[AP50]).isCloseTo(expected, within(1e-12));
        assertThat(s[AR1]).isEqualTo(0.5); // one detection per image: only the 0.9 one
        assertThat(s[AR10]).isCloseTo(1, within(1e-12));
    }

    @Test
    void detectionsInsideACrowdRegionAreNeitherHitsNorFalsePositives() {
        CocoCases c = new CocoCases().image(1).category(1)
                .gt(1, 1, 0, 0, 50, 50).crowd(1, 1, 300, 100, 300, 300)
                .dt(1, 1, 0, 0, 50, 50, 0.7)
                .dt(1, 1, 320, 120, 60, 60, 0.9)   // inside the crowd: IoU = intersection / own area = 1
                .dt(1, 1, 400, 200, 60, 60, 0.8);  // also inside: a crowd region matches any number of detections
        assertThat(c.stats()[AP]).isCloseTo(1, within(1e-12));
        // the same boxes without the crowd flag: FP FP TP → precision 1/3 at recall 1
        CocoCases plain = new CocoCases().image(1).category(1)
                .gt(1, 1, 0, 0, 50, 50).dt(1, 1, 0, 0, 50, 50, 0.7)
                .dt(1, 1, 320, 120, 60, 60, 0.9).dt(1, 1, 400, 200, 60, 60, 0.8);
        assertThat(plain.stats()[AP]).isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void aDetectionPrefersARegularGroundTruthToACrowdItOverlapsMore() {
        // the crowd covers the detection entirely (IoU 1) but regular ground truth is tried first and, once
        // matched, the search stops at the first ignored one
        double[] s = new CocoCases().image(1).category(1)
                .gt(1, 1, 0, 0, 100, 100).crowd(1, 1, 0, 0, 400, 400)
                .dt(1, 1, 0, 0, 100, 90, 0.9).stats();
        assertThat(s[AP50]).isCloseTo(1, within(1e-12));
    }

    @Test
    void imagesWithoutGroundTruthContributeTheirFalsePositives() {
        double[] s = new CocoCases().image(1).image(2).image(3).category(1)
                .gt(1, 1, 0, 0, 100, 100).dt(1, 1, 0, 0, 100, 100, 0.9)
                .dt(2, 1, 0, 0, 100, 100, 0.95).stats(); // image 3: nothing at all
        // FP then TP: recall 0, 1; precision 0, .5 → envelope .5 everywhere
        assertThat(s[AP]).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void aCategoryWithoutGroundTruthIsLeftOutOfTheMeanNotCountedAsZero() {
        double[] s = new CocoCases().image(1).category(1).category(2)
                .gt(1, 1, 0, 0, 100, 100).dt(1, 1, 0, 0, 100, 100, 0.9)
                .dt(1, 2, 200, 200, 100, 100, 0.99).stats();
        assertThat(s[AP]).isCloseTo(1, within(1e-12));
        CocoResult r = CocoEvaluator.evaluate(new CocoCases().image(1).category(1).category(2)
                .gt(1, 1, 0, 0, 100, 100).dataset(), List.of());
        assertThat(r.categoryAp(0, -1)).isZero();
        assertThat(r.categoryAp(1, -1)).isNaN();
    }

    @Test
    void equalScoresAcrossImagesKeepImageIdOrder() {
        // mergesort keeps the concatenation order: the lower image id comes first
        CocoCases fpFirst = new CocoCases().image(1).image(2).category(1)
                .gt(2, 1, 0, 0, 100, 100).dt(2, 1, 0, 0, 100, 100, 0.8).dt(1, 1, 0, 0, 100, 100, 0.8);
        assertThat(fpFirst.stats()[AP]).isCloseTo(0.5, within(1e-12)); // FP, TP
        CocoCases tpFirst = new CocoCases().image(1).image(2).category(1)
                .gt(1, 1, 0, 0, 100, 100).dt(2, 1, 0, 0, 100, 100, 0.8).dt(1, 1, 0, 0, 100, 100, 0.8);
        assertThat(tpFirst.stats()[AP]).isCloseTo(1, within(1e-12)); // TP, FP: precision 1 at recall 1
    }

    @Test
    void equalScoresInOneImageMatchInFileOrder() {
        // two detections, same score, both overlap the one box: the first in the file takes it at every threshold
        // (the second is a duplicate), so which one is first decides whether the tight box scores at IoU .95
        CocoCases c = new CocoCases().image(1).category(1).gt(1, 1, 0, 0, 100, 100)
                .dt(1, 1, 0, 0, 100, 60, 0.5).dt(1, 1, 0, 0, 100, 100, 0.5);
        double[] s = c.stats();
        // the loose box (IoU .6) is first: TP at .50–.60 (3 thresholds) with precision 1 at recall 1;
        // at .65–.95 the loose one fails and the tight one matches second: FP, TP → precision .5
        assertThat(s[AP]).isCloseTo((3 * 1.0 + 7 * 0.5) / 10, within(1e-12));
    }

    @Test
    void maxDetsKeepsTheBestScoredDetectionsPerImage() {
        CocoCases c = new CocoCases().image(1).category(1);
        for (int i = 0; i < 12; i++) {
            c.gt(1, 1, i * 50, 0, 40, 40).dt(1, 1, i * 50, 0, 40, 40, 0.9 - i * 0.01);
        }
        double[] s = c.stats();
        assertThat(s[AR1]).isCloseTo(1.0 / 12, within(1e-12));
        assertThat(s[AR10]).isCloseTo(10.0 / 12, within(1e-12));
        assertThat(s[AR100]).isCloseTo(1, within(1e-12));
    }

    @Test
    void onlyTheHundredBestDetectionsOfAnImageAndClassAreScored() {
        CocoCases c = new CocoCases().image(1).category(1).gt(1, 1, 0, 0, 100, 100);
        for (int i = 0; i < 100; i++) {
            c.dt(1, 1, 300, 300, 10, 10, 0.9); // 100 false positives above the hit
        }
        c.dt(1, 1, 0, 0, 100, 100, 0.5);
        assertThat(c.stats()[AR100]).isEqualTo(0);
    }

    @Test
    void areaRangesIgnoreGroundTruthAndUnmatchedDetectionsOutsideThem() {
        double[] s = new CocoCases().image(1).category(1)
                .gt(1, 1, 0, 0, 10, 10).dt(1, 1, 0, 0, 10, 10, 0.9)
                .dt(1, 1, 300, 200, 200, 200, 0.95).stats();
        assertThat(s[AP]).isCloseTo(0.5, within(1e-12)); // all: FP then TP
        assertThat(s[APS]).isCloseTo(1, within(1e-12));                 // small: the large unmatched detection is ignored
        assertThat(s[APM]).isEqualTo(-1);
        assertThat(s[APL]).isEqualTo(-1);
        assertThat(s[ARS]).isCloseTo(1, within(1e-12));
    }

    @Test
    void iouExactlyAtAThresholdMatches() {
        // IoU = 5000 / 10000 = .5 exactly: a hit at .50 only
        double[] s = new CocoCases().image(1).category(1).gt(1, 1, 0, 0, 100, 100).dt(1, 1, 0, 0, 100, 50, 0.9).stats();
        assertThat(s[AP50]).isCloseTo(1, within(1e-12));
        assertThat(s[AP75]).isEqualTo(0);
        assertThat(s[AP]).isCloseTo(0.1, within(1e-12)); // 101 of 1010 entries are (almost) 1
    }

    @Test
    void recallThresholdsAreNumpysLinspace() {
        assertThat(CocoParams.RECALL_THRESHOLDS[57]).isEqualTo(0.5700000000000001); // numpy's value, not the double nearest 0.57
        assertThat(CocoParams.iouIndex(0.75)).isEqualTo(5);
        assertThat(CocoParams.IOU_THRESHOLDS[9]).isEqualTo(0.95);
    }

    @Test
    void theFastEvaluatorAgreesWithTheLineByLinePortToTheBitOnRandomSets() {
        Random random = new Random(12);
        for (int round = 0; round < 5; round++) {
            CocoCases c = new CocoCases();
            for (int k = 1; k <= 4; k++) {
                c.category(k * 3);
            }
            for (int i = 0; i < 30; i++) {
                long id = 1000 - i * 7L;
                c.image(id);
                for (int g = random.nextInt(6); g > 0; g--) {
                    double w = 5 + random.nextInt(150);
                    double h = 5 + random.nextInt(150);
                    double x = random.nextInt(400);
                    double y = random.nextInt(300);
                    int cat = 3 * (1 + random.nextInt(4));
                    if (random.nextInt(10) == 0) {
                        c.crowd(id, cat, x, y, w * 2, h * 2);
                    } else {
                        c.gt(id, cat, x, y, w, h);
                    }
                    for (int d = random.nextInt(4); d > 0; d--) {
                        c.dt(id, cat, x + random.nextGaussian() * 8, y + random.nextGaussian() * 8, w * (0.8 + 0.4 * random.nextDouble()),
                                h * (0.8 + 0.4 * random.nextDouble()), Math.round(random.nextDouble() * 20) / 20.0);
                    }
                }
                for (int d = random.nextInt(40); d > 0; d--) {
                    c.dt(id, 3 * (1 + random.nextInt(5)), random.nextInt(500), random.nextInt(400), 3 + random.nextInt(200),
                            3 + random.nextInt(200), Math.round(random.nextDouble() * 10) / 10.0);
                }
            }
            c.stats(); // asserts equality
            List<ScoredBox> shuffled = new ArrayList<>(c.detections);
            assertThat(CocoEvaluator.evaluate(c.dataset(), shuffled).stats()).containsExactly(c.stats());
        }
    }
}
