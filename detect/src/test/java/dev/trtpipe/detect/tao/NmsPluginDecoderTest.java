package dev.trtpipe.detect.tao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The NMS plugin layouts, read as deepstream_tao_apps' parsers read them. */
class NmsPluginDecoderTest {

    /** NMS_TRT: rows (image, label, conf, xmin, ymin, xmax, ymax) relative; only keepCount rows count. */
    @Test
    void nmsTrtRowsBecomeTruncatedPixelBoxesUpToTheKeepCount() {
        float[] rows = {
                0, 2, 0.8f, 0.1f, 0.2f, 0.5f, 0.65f,
                0, 9, 0.9f, 0.0f, 0.0f, 0.1f, 0.1f,   // class 9 ≥ 4 classes: dropped
                0, 1, 0.7f, -0.1f, 0.5f, 1.2f, 0.9f,  // clipped to the input
                0, 0, 0.6f, 0.3f, 0.3f, 0.4f, 0.4f};  // beyond keepCount 3
        List<NetBox> boxes = NmsPluginDecoder.nmsTrt(rows, 0, 4, 3, 4, 200, 100);

        assertThat(boxes).hasSize(2);
        NetBox a = boxes.get(0);
        assertThat(a.classId()).isEqualTo(2);
        assertThat(a.confidence()).isEqualTo(0.8f);
        // x1 = (int)(0.1·200) = 20, y1 = 20, x2 = 100, y2 = (int)(0.65·100) = 65; width = x2 − x1 + 1
        assertThat(new float[] {a.left(), a.top(), a.width(), a.height()}).containsExactly(20, 20, 81, 46);
        NetBox b = boxes.get(1);
        assertThat(new float[] {b.left(), b.top(), b.width(), b.height()}).containsExactly(0, 50, 200, 41);
    }

    /** An engine's NMS_TRT count holds int32 bits in a float output; the plain-ONNX count is a float number. */
    @Test
    void keepCountReadsTheEnginesInt32BitsAndPlainFloatsAlike() {
        assertThat(NmsPluginDecoder.keepCount(Float.intBitsToFloat(3))).isEqualTo(3);
        assertThat(NmsPluginDecoder.keepCount(Float.intBitsToFloat(100))).isEqualTo(100);
        assertThat(NmsPluginDecoder.keepCount(7f)).isEqualTo(7);
        assertThat(NmsPluginDecoder.keepCount(0f)).isZero();
    }

    /** An NMSDynamic_TRT engine's outputs as detect reads them: the count's bits say one row of image 1. */
    @Test
    void nmsTrtOutputsOfAnEngineKeepTheRowsItsBitPatternCountSays() throws Exception {
        float[] rows = {
                0, -1, 0, 0, 0, 0, 0, 0, -1, 0, 0, 0, 0, 0,
                1, 2, 0.8f, 0.1f, 0.2f, 0.5f, 0.65f, 1, -1, 0, 0, 0, 0, 0};
        float[] counts = {Float.intBitsToFloat(0), Float.intBitsToFloat(1)};
        var outputs = new TaoOutputs.NmsTrt("NMS", "NMS:1", 2);
        assertThat(outputs.candidates(java.util.Map.of("NMS", rows, "NMS:1", counts), 1, 4, 200, 100, new float[] {0, 0, 0, 0}))
                .singleElement().satisfies(b -> assertThat(b.classId()).isEqualTo(2));
    }

    /** BatchedNMS: count, boxes (x1, y1, x2, y2 relative), scores, classes; item 1 starts after keepTopK. */
    @Test
    void batchedNmsReadsTheSecondImageAtItsOffset() {
        int keepTopK = 2;
        float[] boxes = {0, 0, 0, 0, 0, 0, 0, 0, /* item 1 */ 0.25f, 0.5f, 0.75f, 1.0f, 0.6f, 0.6f, 0.5f, 0.7f};
        float[] scores = {0, 0, 0.9f, 0.8f};
        float[] classes = {0, 0, 3, 1};
        List<NetBox> out = NmsPluginDecoder.batched(2, boxes, keepTopK * 4, scores, classes, keepTopK, keepTopK, 4, 64, 32);

        // the second box has x2 < x1: dropped
        assertThat(out).singleElement().satisfies(b -> {
            assertThat(b.classId()).isEqualTo(3);
            assertThat(b.confidence()).isEqualTo(0.9f);
            assertThat(b.left()).isCloseTo(16f, within(1e-5f));
            assertThat(b.top()).isCloseTo(16f, within(1e-5f));
            assertThat(b.width()).isCloseTo(32f, within(1e-5f));
            assertThat(b.height()).isCloseTo(15f, within(1e-5f)); // y2 clipped to 31
        });
    }
}
