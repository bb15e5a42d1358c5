package dev.trtpipe.uff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** BatchedNMS_TRT as plain ONNX on ONNX Runtime against {@link NmsReference}, boxes clustered so NMS suppresses. */
class PlainBatchedNmsTest {

    static final int BATCH = 2;

    /** Boxes around three cluster centres per image (some leave [0, 1], so clipping shows), as [N, P, 1, 4]. */
    static float[] boxes(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] b = new float[BATCH * TltPluginGraphs.HEAD_BOXES * 4];
        for (int i = 0; i < BATCH * TltPluginGraphs.HEAD_BOXES; i++) {
            double cx = 0.15 + 0.4 * (i % 3) + r.nextDouble() * 0.08;
            double cy = 0.1 + 0.4 * (i % 3) + r.nextDouble() * 0.08;
            double w = 0.2 + r.nextDouble() * 0.15, h = 0.2 + r.nextDouble() * 0.15;
            b[i * 4] = (float) (cx - w / 2);
            b[i * 4 + 1] = (float) (cy - h / 2);
            b[i * 4 + 2] = (float) (cx + w / 2);
            b[i * 4 + 3] = (float) (cy + h / 2);
        }
        return b;
    }

    static float[] scores(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] s = new float[BATCH * TltPluginGraphs.HEAD_BOXES * TltPluginGraphs.HEAD_CLASSES];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) r.nextDouble();
        }
        return s;
    }

    static List<NmsReference.Detection> reference(float[] boxes, float[] scores, int n) {
        int p = TltPluginGraphs.HEAD_BOXES, c = TltPluginGraphs.HEAD_CLASSES;
        float[][] bx = new float[p][];
        float[][] sc = new float[p][];
        for (int i = 0; i < p; i++) {
            bx[i] = java.util.Arrays.copyOfRange(boxes, (n * p + i) * 4, (n * p + i + 1) * 4);
            sc[i] = java.util.Arrays.copyOfRange(scores, (n * p + i) * c, (n * p + i + 1) * c);
        }
        TltPluginGraphs.NmsLimits head = TltPluginGraphs.HEAD_NMS;
        return NmsReference.nms(bx, sc, new NmsReference.Params(c, -1, head.topK(), head.keepTopK(), (float) head.threshold(), 0.5f, true));
    }

    @Test
    void keepsTheReferenceBoxesScoresAndClassesWithBoxesClipped() throws Exception {
        UffToOnnx.Result r = UffToOnnx.standard().translate(TltPluginGraphs.batchedNmsHead().graph("yolo-head.uff"),
                UffTranslationOptions.defaults().withPlainNms(true));
        float[] boxes = boxes(21), scores = scores(22);
        int p = TltPluginGraphs.HEAD_BOXES, keep = TltPluginGraphs.HEAD_NMS.keepTopK();
        Map<String, float[]> out = Ort.run(r.toBytes(), Map.of(
                "boxes", new NaiveUffInterpreter.Tensor(new long[] {BATCH, p, 1, 4}, boxes),
                "scores", new NaiveUffInterpreter.Tensor(new long[] {BATCH, p, TltPluginGraphs.HEAD_CLASSES}, scores)));
        boolean suppressed = false;
        for (int n = 0; n < BATCH; n++) {
            List<NmsReference.Detection> expected = reference(boxes, scores, n);
            suppressed |= expected.size() < keep;
            assertThat(out.get("BatchedNMS")[n]).isEqualTo(expected.size());
            for (int i = 0; i < keep; i++) {
                int row = n * keep + i;
                if (i >= expected.size()) {
                    assertThat(out.get("BatchedNMS:3")[row]).isEqualTo(-1f);
                    assertThat(out.get("BatchedNMS:2")[row]).isZero();
                    continue;
                }
                NmsReference.Detection d = expected.get(i);
                assertThat(out.get("BatchedNMS:3")[row]).isEqualTo(d.label());
                assertThat(out.get("BatchedNMS:2")[row]).isCloseTo(d.score(), within(1e-6f));
                float[] clipped = NmsReference.clip(new float[][] {d.box()})[0];
                for (int k = 0; k < 4; k++) {
                    assertThat(out.get("BatchedNMS:1")[row * 4 + k]).isCloseTo(clipped[k], within(1e-6f));
                }
            }
        }
        assertThat(suppressed).as("some image keeps fewer than keepTopK").isTrue();
    }
}
