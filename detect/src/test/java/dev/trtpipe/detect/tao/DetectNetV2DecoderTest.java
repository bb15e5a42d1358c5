package dev.trtpipe.detect.tao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DetectNet_v2 grids built by hand from DeepStream's definition (parseBoundingBox): a cell (w, h) with
 * centre {@code c = (i·stride + 0.5)/35} predicting the box (L, T, R, B) in input pixels holds
 * {@code x1 = c_x − L/35, y1 = c_y − T/35, x2 = R/35 − c_x, y2 = B/35 − c_y}.
 */
class DetectNetV2DecoderTest {

    /** A one-class 2×3 (h×w) grid for a 48×32 input (stride 16) with one box in cell (w=2, h=1). */
    @Test
    void aCellOverTheThresholdDecodesToItsBox() {
        int gridW = 3;
        int gridH = 2;
        float[] cov = new float[gridW * gridH];
        float[] bbox = new float[4 * gridW * gridH];
        put(cov, bbox, 0, gridW, gridH, 2, 1, 0.9f, 16, 16, 30, 12, 45, 28);
        cov[0] = 0.29f; // below the threshold: no box

        List<NetBox> boxes = DetectNetV2Decoder.decode(cov, 0, bbox, 0, 1, gridH, gridW, 48, 32, new float[] {0.3f});

        assertThat(boxes).hasSize(1);
        NetBox b = boxes.get(0);
        assertThat(b.classId()).isZero();
        assertThat(b.confidence()).isEqualTo(0.9f);
        assertThat(b.left()).isCloseTo(30f, within(1e-4f));
        assertThat(b.top()).isCloseTo(12f, within(1e-4f));
        assertThat(b.width()).isCloseTo(15f, within(1e-4f));
        assertThat(b.height()).isCloseTo(16f, within(1e-4f));
    }

    /** Corners beyond the input are clipped to [0, size − 1]; the stride rounds up (⌈50/3⌉ = 17). */
    @Test
    void cornersAreClippedAndTheStrideRoundsUp() {
        int gridW = 3;
        int gridH = 1;
        float[] cov = new float[gridW];
        float[] bbox = new float[4 * gridW];
        put(cov, bbox, 0, gridW, gridH, 1, 0, 0.5f, 17, 17, -8, -3, 70, 9);

        List<NetBox> boxes = DetectNetV2Decoder.decode(cov, 0, bbox, 0, 1, gridH, gridW, 50, 10, new float[] {0.2f});

        assertThat(boxes).singleElement().satisfies(b -> {
            assertThat(b.left()).isZero();
            assertThat(b.top()).isZero();
            assertThat(b.right()).isCloseTo(49f, within(1e-4f));
            assertThat(b.bottom()).isCloseTo(9f, within(1e-4f));
        });
    }

    /** Class c's planes start at 4·c·gridSize; each class has its own threshold; classes beyond the parse count are skipped. */
    @Test
    void eachClassReadsItsOwnPlanesAndThreshold() {
        int gridW = 2;
        int gridH = 2;
        int classes = 3;
        float[] cov = new float[classes * gridW * gridH];
        float[] bbox = new float[4 * classes * gridW * gridH];
        put(cov, bbox, 0, gridW, gridH, 0, 0, 0.5f, 16, 16, 1, 2, 10, 12);  // class 0 below its 0.6
        put(cov, bbox, 1, gridW, gridH, 1, 1, 0.5f, 16, 16, 20, 18, 30, 31); // class 1 over its 0.4
        put(cov, bbox, 2, gridW, gridH, 0, 1, 0.99f, 16, 16, 0, 16, 8, 30); // class 2 not parsed

        List<NetBox> boxes = DetectNetV2Decoder.decode(cov, 0, bbox, 0, 2, gridH, gridW, 32, 32, new float[] {0.6f, 0.4f, 0f});

        assertThat(boxes).singleElement().satisfies(b -> {
            assertThat(b.classId()).isEqualTo(1);
            assertThat(b.left()).isCloseTo(20f, within(1e-4f));
            assertThat(b.top()).isCloseTo(18f, within(1e-4f));
            assertThat(b.right()).isCloseTo(30f, within(1e-4f));
            assertThat(b.bottom()).isCloseTo(31f, within(1e-4f));
        });
    }

    /** Writes the cell values that make cell (w, h) of class c predict (l, t, r, b) in pixels. */
    private static void put(float[] cov, float[] bbox, int c, int gridW, int gridH, int w, int h, float confidence,
                            int strideX, int strideY, double l, double t, double r, double b) {
        int gridSize = gridW * gridH;
        int i = h * gridW + w;
        double cx = (w * strideX + 0.5) / 35.0;
        double cy = (h * strideY + 0.5) / 35.0;
        cov[c * gridSize + i] = confidence;
        bbox[(4 * c) * gridSize + i] = (float) (cx - l / 35.0);
        bbox[(4 * c + 1) * gridSize + i] = (float) (cy - t / 35.0);
        bbox[(4 * c + 2) * gridSize + i] = (float) (r / 35.0 - cx);
        bbox[(4 * c + 3) * gridSize + i] = (float) (b / 35.0 - cy);
    }
}
