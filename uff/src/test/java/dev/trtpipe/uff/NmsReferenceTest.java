package dev.trtpipe.uff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The NMS reference on hand-made cases. */
class NmsReferenceTest {

    private static final NmsReference.Params PARAMS = new NmsReference.Params(3, 0, 10, 10, 0.1f, 0.5f, true);

    @Test
    void overlappingBoxesOfOneClassKeepTheBestOtherClassesAreSeparate() {
        float[][] boxes = {{0, 0, 0.4f, 0.4f}, {0.02f, 0, 0.42f, 0.4f}, {0.5f, 0.5f, 1, 1}};
        // IoU(0, 1) = 0.38*0.4 / (2*0.16 - 0.152) = 0.905 > 0.5: box 1 is dropped for class 1, kept for class 2
        float[][] scores = {{0.9f, 0.8f, 0.05f}, {0.9f, 0.7f, 0.6f}, {0.9f, 0.3f, 0.05f}};
        List<NmsReference.Detection> kept = NmsReference.nms(boxes, scores, PARAMS);
        assertThat(kept).extracting(NmsReference.Detection::label).containsExactly(1, 2, 1);
        assertThat(kept).extracting(NmsReference.Detection::score).containsExactly(0.8f, 0.6f, 0.3f);
        assertThat(kept.get(1).box()).containsExactly(boxes[1]);
    }

    @Test
    void backgroundThresholdTopKAndKeepTopK() {
        float[][] boxes = {{0, 0, 0.1f, 0.1f}, {0.2f, 0.2f, 0.3f, 0.3f}, {0.4f, 0.4f, 0.5f, 0.5f}, {0.6f, 0.6f, 0.7f, 0.7f}};
        float[][] scores = {{0.99f, 0.5f, 0}, {0.99f, 0.4f, 0}, {0.99f, 0.3f, 0.35f}, {0.99f, 0.09f, 0}};
        // background (0) never appears; 0.09 is under the threshold; topK 2 keeps 0.5 and 0.4 of class 1
        var topTwo = new NmsReference.Params(3, 0, 2, 10, 0.1f, 0.5f, true);
        assertThat(NmsReference.nms(boxes, scores, topTwo)).extracting(NmsReference.Detection::score).containsExactly(0.5f, 0.4f, 0.35f);
        var keepTwo = new NmsReference.Params(3, 0, 10, 2, 0.1f, 0.5f, true);
        assertThat(NmsReference.nms(boxes, scores, keepTwo)).extracting(NmsReference.Detection::score).containsExactly(0.5f, 0.4f);
    }

    @Test
    void iouCountsTheEndPixelForPixelBoxes() {
        float[] a = {0, 0, 9, 9};
        float[] b = {5, 0, 14, 9};
        assertThat(NmsReference.iou(a, b, false)).isCloseTo(50.0 / 150.0, within(1e-9));
        assertThat(NmsReference.iou(a, b, true)).isCloseTo(36.0 / 126.0, within(1e-9));
    }

    @Test
    void invertedCornersCountWithTheirTrueExtentAsTheKernelSortsThem() {
        // allClassNMS sorts each box's corners per axis before the overlap: (0.4, 0.4, 0, 0) is the box (0, 0, 0.4, 0.4)
        float[] upright = {0, 0, 0.4f, 0.4f};
        float[] inverted = {0.4f, 0.4f, 0, 0};
        float[] shifted = {0.2f, 0, 0.6f, 0.4f};
        assertThat(NmsReference.iou(inverted, upright, true)).isCloseTo(1.0, within(1e-6));
        assertThat(NmsReference.iou(inverted, shifted, true)).isCloseTo(0.08 / 0.24, within(1e-6));
    }

    @Test
    void centerSizeDecodingScalesOffsetsByVarianceAndPriorSize() {
        float[] priors = {0.2f, 0.2f, 0.6f, 0.4f, 0.1f, 0.1f, 0.2f, 0.2f};
        // prior centre (0.4, 0.3), size (0.4, 0.2); offsets (1, -1, ln2 / 0.2, 0)
        float[] loc = {1, -1, (float) (Math.log(2) / 0.2), 0};
        float[] box = NmsReference.decodeCenterSize(loc, priors)[0];
        // cx = 0.1*1*0.4 + 0.4 = 0.44, cy = 0.3 - 0.02 = 0.28, w = 0.8, h = 0.2
        assertThat(box).containsExactly(new float[] {0.04f, 0.18f, 0.84f, 0.38f}, within(1e-6f));
    }

    @Test
    void nmsTrtRowsSaturateBoxesAndPadWithMinusOneLabels() {
        var d = new NmsReference.Detection(2, 0.7f, new float[] {-0.1f, 0.2f, 0.3f, 1.4f});
        assertThat(NmsReference.nmsTrtRows(1, List.of(d), 2))
                .containsExactly(1, 2, 0.7f, 0f, 0.2f, 0.3f, 1f, 1, -1, 0, 0, 0, 0, 0);
    }

    /**
     * What an fp16 engine may decide otherwise: B overlaps the better A with IoU 0.524 (suppressed, within 0.05 of 0.5),
     * C scores 0.31 and G 0.29 (within 0.02 of the threshold 0.3); E overlaps D with IoU 0.95 and scores 0.1 less (dropped
     * for sure), A and D are far from every threshold. With keepTopK 2 the cut falls after D, and B, if kept, would push D
     * out: D becomes fragile too.
     */
    @Test
    void fragileCandidatesAreThoseNearAThresholdAnIouThresholdOrTheCut() {
        float[][] boxes = {{0, 0, 0.4f, 0.4f}, {0.125f, 0, 0.525f, 0.4f}, {0, 0.6f, 0.2f, 0.8f}, {0.6f, 0.6f, 1, 1}, {0.61f, 0.6f, 1.01f, 1},
                {0.25f, 0.45f, 0.35f, 0.55f}};
        float[][] scores = {{0, 0.9f}, {0, 0.8f}, {0, 0.31f}, {0, 0.7f}, {0, 0.6f}, {0, 0.29f}};
        assertThat(NmsReference.iou(boxes[0], boxes[1], true)).isCloseTo(0.275 / 0.525, within(1e-6));
        var all = new NmsReference.Params(2, 0, 10, 10, 0.3f, 0.5f, true);
        assertThat(NmsReference.nms(boxes, scores, all)).extracting(NmsReference.Detection::score).containsExactly(0.9f, 0.7f, 0.31f);
        assertThat(NmsReference.fragile(boxes, scores, all, 0.02, 0.05)).extracting(NmsReference.Detection::score)
                .containsExactlyInAnyOrder(0.8f, 0.31f, 0.29f);
        var cutAtTwo = new NmsReference.Params(2, 0, 10, 2, 0.3f, 0.5f, true);
        assertThat(NmsReference.fragile(boxes, scores, cutAtTwo, 0.02, 0.05)).extracting(NmsReference.Detection::score)
                .containsExactlyInAnyOrder(0.8f, 0.31f, 0.29f, 0.7f);
        // E's box leaves [0, 1]: fragile rows carry boxes as the engine reports them, clipped
        scores[4][1] = 0.69f;
        assertThat(NmsReference.fragile(boxes, scores, all, 0.02, 0.05)).filteredOn(d -> d.score() == 0.69f).singleElement()
                .satisfies(d -> assertThat(d.box()).containsExactly(0.61f, 0.6f, 1, 1));
    }

    /**
     * TensorRT 10.6's decodeBBoxes takes exp and the size product in half (its exp(__half) hides the float one): prior
     * (0.2, 0.2, 0.5, 0.4), variances 0.1/0.1/0.2/0.2, offsets (0, 0, 0.5, 0). Width: h(0.2 * 0.5) = 0.0999755859375,
     * exp of it 1.10514… rounds to 1.10546875, h(0.3) = 0.300048828125, their product 0.33169… rounds to 0.331787109375
     * (the float decoding's 0.3315513); height h(1) * h(0.2) = 0.199951171875. Centres stay float: (0.35, 0.3).
     */
    @Test
    void thePluginsDecodingRoundsWidthAndHeightToHalf() {
        float[] priors = {0.2f, 0.2f, 0.5f, 0.4f, 0.1f, 0.1f, 0.2f, 0.2f};
        float[] loc = {0, 0, 0.5f, 0};
        float[] box = NmsReference.decodeCenterSizeAsPlugin(loc, priors)[0];
        float cx = (0.2f + 0.5f) / 2, cy = (0.2f + 0.4f) / 2;
        assertThat(box).containsExactly(cx - 0.331787109375f / 2, cy - 0.199951171875f / 2, cx + 0.331787109375f / 2, cy + 0.199951171875f / 2);
        assertThat(NmsReference.decodeCenterSize(loc, priors)[0][2] - NmsReference.decodeCenterSize(loc, priors)[0][0])
                .isCloseTo(0.3315513f, within(1e-6f));
        assertThat(NmsReference.half(0.1)).isEqualTo(0.0999755859375f);
        assertThat(NmsReference.half(1.0 + 1.5 / 2048)).as("a tie rounds to even").isEqualTo(1.0009765625f);
    }
}
