package dev.trtpipe.detect.postprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BoxTest {

    @Test
    void iouOfBoxesWorkedOutByHand() {
        Box a = new Box(0.5f, 0.5f, 0.4f, 0.2f);
        // shifted right by half its width: intersection 0.2 x 0.2 = 0.04, union 0.08 + 0.08 - 0.04 = 0.12
        Box b = new Box(0.7f, 0.5f, 0.4f, 0.2f);
        assertThat(a.iou(b)).isCloseTo(1 / 3.0, within(1e-6));
        assertThat(b.iou(a)).isCloseTo(1 / 3.0, within(1e-6));
        assertThat(a.iou(a)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void disjointTouchingAndEmptyBoxesHaveNoOverlap() {
        Box a = new Box(0.25f, 0.25f, 0.5f, 0.5f);
        assertThat(a.iou(new Box(0.75f, 0.75f, 0.5f, 0.5f))).isZero(); // touching corners
        assertThat(a.iou(new Box(0.9f, 0.9f, 0.1f, 0.1f))).isZero();
        assertThat(a.iou(new Box(0.25f, 0.25f, 0f, 0f))).isZero();
    }
}
