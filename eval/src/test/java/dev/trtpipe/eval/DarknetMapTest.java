package dev.trtpipe.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.trtpipe.eval.DarknetMap.Box;
import dev.trtpipe.eval.DarknetMap.Detection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cases computed by hand from validate_detector_map in AlexeyAB darknet's detector.c. */
class DarknetMapTest {

    private static Box truth(int c, float x, float y) {
        return new Box(c, x, y, 0.2f, 0.2f);
    }

    private static Detection det(int c, float p, float x, float y) {
        return new Detection(c, p, x, y, 0.2f, 0.2f);
    }

    /** Two truths; hit, miss, hit: precision 1, .5, 2/3 at recall .5, .5, 1. */
    private static DarknetMap hitMissHit(int points) {
        DarknetMap map = new DarknetMap(1, 0.5f, points);
        map.addImage(List.of(truth(0, 0.2f, 0.2f), truth(0, 0.7f, 0.7f)), List.of(),
                List.of(det(0, 0.9f, 0.2f, 0.2f), det(0, 0.8f, 0.5f, 0.2f), det(0, 0.7f, 0.7f, 0.7f)));
        return map;
    }

    @Test
    void areaUnderCurveRunsFromTheLastRankBackDownToRecallZero() {
        // from rank 2 back: (1 − .5)·max(.5, 2/3) + (.5 − .5)·1, then the remaining area (.5 − 0)·1
        assertThat(hitMissHit(0).result().map()).isCloseTo(0.5 * 2 / 3 + 0.5, within(1e-12));
    }

    @Test
    void elevenAndHundredOnePointsTakeTheBestPrecisionAtOrAboveEachRecall() {
        // recall ≤ .5: best precision 1; above: 2/3
        assertThat(hitMissHit(11).result().map()).isCloseTo((6 + 5 * 2.0 / 3) / 11, within(1e-12));
        assertThat(hitMissHit(101).result().map()).isCloseTo((51 + 50 * 2.0 / 3) / 101, within(1e-12));
    }

    @Test
    void theClassRankedFirstAndALaterOneBothGetTheirFirstRecallStep() {
        DarknetMap map = new DarknetMap(2, 0.5f, 0);
        map.addImage(List.of(truth(0, 0.2f, 0.2f), truth(1, 0.7f, 0.7f)), List.of(),
                List.of(det(0, 0.9f, 0.2f, 0.2f), det(1, 0.8f, 0.7f, 0.7f)));
        DarknetMap.Result r = map.result();
        // class 0 ranks first: (1, 1) at both ranks, no step between them, then the remaining area 1·1;
        // class 1 is (0, 0) at rank 0 and (1, 1) at rank 1: one step of 1 at precision 1, nothing remains
        assertThat(r.classAp()).containsExactly(1, 1);
        assertThat(r.map()).isEqualTo(1);
    }

    @Test
    void aDetectionWhoseBestTruthIsTakenIsAFalsePositiveEvenIfAnotherTruthFits() {
        DarknetMap map = new DarknetMap(1, 0.5f, 101);
        // truths 0.02 apart: both detections overlap both (IoU > .5) but are closest to the first truth
        map.addImage(List.of(truth(0, 0.5f, 0.5f), truth(0, 0.52f, 0.5f)), List.of(),
                List.of(det(0, 0.9f, 0.5f, 0.5f), det(0, 0.8f, 0.505f, 0.5f)));
        // TP then FP: recall .5 (precision 1, .5); recall 1 is never reached
        assertThat(map.result().map()).isCloseTo(51.0 / 101, within(1e-12));
    }

    @Test
    void aDetectionOnADifficultBoxIsDroppedNotCountedFalse() {
        DarknetMap withDifficult = new DarknetMap(1, 0.5f, 101);
        withDifficult.addImage(List.of(truth(0, 0.2f, 0.2f)), List.of(truth(0, 0.7f, 0.7f)),
                List.of(det(0, 0.9f, 0.7f, 0.7f), det(0, 0.8f, 0.2f, 0.2f)));
        assertThat(withDifficult.result().map()).isCloseTo(1, within(1e-12));
        DarknetMap without = new DarknetMap(1, 0.5f, 101);
        without.addImage(List.of(truth(0, 0.2f, 0.2f)), List.of(),
                List.of(det(0, 0.9f, 0.7f, 0.7f), det(0, 0.8f, 0.2f, 0.2f)));
        assertThat(without.result().map()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void theMeanIsOverTheModelsClassesIncludingThoseWithoutGroundTruth() {
        DarknetMap map = new DarknetMap(4, 0.5f, 11);
        map.addImage(List.of(truth(2, 0.5f, 0.5f)), List.of(), List.of(det(2, 0.9f, 0.5f, 0.5f)));
        assertThat(map.result().classAp()).containsExactly(0, 0, 1, 0);
        assertThat(map.result().map()).isEqualTo(0.25);
    }

    @Test
    void iouMustExceedTheThresholdStrictly() {
        DarknetMap map = new DarknetMap(1, 0.5f, 11);
        // truth 0.5 × 0.5 at the centre; detection its upper half less a quarter: IoU = .125 / .25 = .5 exactly
        map.addImage(List.of(new Box(0, 0.5f, 0.5f, 0.5f, 0.5f)), List.of(),
                List.of(new Detection(0, 0.9f, 0.5f, 0.375f, 0.5f, 0.25f)));
        assertThat(BoxIou.darknet(0.5f, 0.375f, 0.5f, 0.25f, 0.5f, 0.5f, 0.5f, 0.5f)).isEqualTo(0.5f);
        assertThat(map.result().map()).isZero();
    }

    @Test
    void truthsOfLaterImagesAreDistinctFromEarlierOnes() {
        DarknetMap map = new DarknetMap(1, 0.5f, 101);
        map.addImage(List.of(truth(0, 0.2f, 0.2f)), List.of(), List.of(det(0, 0.9f, 0.2f, 0.2f)));
        map.addImage(List.of(truth(0, 0.2f, 0.2f)), List.of(), List.of(det(0, 0.8f, 0.2f, 0.2f)));
        assertThat(map.result().map()).isCloseTo(1, within(1e-12));
    }
}
