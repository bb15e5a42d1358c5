package dev.trtpipe.detect.postprocess;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trtpipe.darknet.NmsKind;
import org.junit.jupiter.api.Test;

/**
 * The NMS variants on two boxes worked out by hand. Boxes (0.5, 0.5, 0.4, 0.4) and
 * (0.62, 0.5, 0.4, 0.4): IoU = 0.28/0.52 = 0.538; centre distance² 0.0144, enclosing diagonal²
 * 0.52² + 0.4² = 0.4304, ratio 0.0335; DIoU(0.6) = 0.538 − 0.0335^0.6 = 0.538 − 0.130 = 0.408;
 * DIoU(1.0) = 0.538 − 0.0335 = 0.505. At NMS 0.45 plain IoU and DIoU(1.0) suppress, DIoU(0.6) keeps.
 */
class NonMaxSuppressionTest {

    @Test
    void plainIouSuppressesTheWeakerOverlappingBox() {
        assertThat(survivorsAfter(new NonMaxSuppression(NmsKind.DEFAULT, 0.45f, 0.6f))).containsExactly(0.9f, 0f);
    }

    @Test
    void greedyNmsKeepsItBecauseTheCentresAreApart() {
        assertThat(survivorsAfter(new NonMaxSuppression(NmsKind.GREEDYNMS, 0.45f, 1.0f))).containsExactly(0.9f, 0.8f);
    }

    @Test
    void diouNmsUsesBetaAsTheExponent() {
        assertThat(survivorsAfter(new NonMaxSuppression(NmsKind.DIOUNMS, 0.45f, 0.6f))).containsExactly(0.9f, 0.8f);
        assertThat(survivorsAfter(new NonMaxSuppression(NmsKind.DIOUNMS, 0.45f, 1.0f))).containsExactly(0.9f, 0f);
    }

    @Test
    void classesDoNotSuppressEachOther() {
        Candidates c = new Candidates(2, 2);
        c.setProbability(c.add(0.5f, 0.5f, 0.4f, 0.4f, 0.9f), 0, 0.9f);
        c.setProbability(c.add(0.5f, 0.5f, 0.4f, 0.4f, 0.8f), 1, 0.8f);

        new NonMaxSuppression(NmsKind.DEFAULT, 0.45f, 0.6f).apply(c);

        assertThat(c.probability(0, 0)).isEqualTo(0.9f);
        assertThat(c.probability(1, 1)).isEqualTo(0.8f);
    }

    @Test
    void theStrongerBoxWinsWhateverTheDecodingOrder() {
        Candidates c = new Candidates(1, 2);
        c.setProbability(c.add(0.5f, 0.5f, 0.4f, 0.4f, 0.7f), 0, 0.7f);
        c.setProbability(c.add(0.52f, 0.5f, 0.4f, 0.4f, 0.9f), 0, 0.9f);

        new NonMaxSuppression(NmsKind.DEFAULT, 0.45f, 0.6f).apply(c);

        assertThat(new float[] {c.probability(0, 0), c.probability(1, 0)}).containsExactly(0f, 0.9f);
    }

    @Test
    void identicalBoxesHaveNoEnclosingDiagonalPenaltyUnderDiou() {
        Candidates c = new Candidates(1, 2);
        c.setProbability(c.add(0.3f, 0.3f, 0.2f, 0.2f, 0.9f), 0, 0.9f);
        c.setProbability(c.add(0.3f, 0.3f, 0.2f, 0.2f, 0.8f), 0, 0.8f);

        new NonMaxSuppression(NmsKind.GREEDYNMS, 0.45f, 0.6f).apply(c);

        assertThat(c.probability(1, 0)).isZero();
    }

    private static float[] survivorsAfter(NonMaxSuppression nms) {
        Candidates c = new Candidates(1, 2);
        c.setProbability(c.add(0.5f, 0.5f, 0.4f, 0.4f, 0.9f), 0, 0.9f);
        c.setProbability(c.add(0.62f, 0.5f, 0.4f, 0.4f, 0.8f), 0, 0.8f);
        nms.apply(c);
        return new float[] {c.probability(0, 0), c.probability(1, 0)};
    }
}
