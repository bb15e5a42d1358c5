package dev.trtpipe.uff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.trtpipe.detect.SettingFact;
import dev.trtpipe.onnx.proto.Onnx.ModelProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The plain-ONNX NMS on ONNX Runtime keeps the same boxes, scores and classes as {@link NmsReference} on the
 * TLT-shaped SSD graph: the reference gets its inputs from a direct computation of the graph's heads (average
 * pools, 1x1 convolutions, NHWC flattening) and the priors of {@link GridAnchors}.
 */
class PlainNmsTest {

    static final int BATCH = 2;
    static final int SIZE_PX = 300;
    private static final int SIZE = 300;
    private static final int BLOCK = (int) TltPluginGraphs.SSD_POOLS[0];

    @Test
    void ssdWithPlainNmsRunsOnOnnxRuntimeAndKeepsTheReferenceDetections() throws Exception {
        UffGraph graph = TltPluginGraphs.ssd().graph("ssd-test.uff");
        UffToOnnx.Result r = UffToOnnx.standard().translate(graph, UffTranslationOptions.defaults().withPlainNms(true));
        ModelProto m = ModelProto.parseFrom(r.toBytes());
        assertThat(m.getGraph().getNodeList()).noneMatch(n -> n.getOpType().endsWith("_TRT"));
        float[] image = blockImage(11);
        Map<String, float[]> out = Ort.run(r.toBytes(), Map.of("Input", new NaiveUffInterpreter.Tensor(new long[] {BATCH, 3, SIZE, SIZE}, image)));
        int keep = TltPluginGraphs.SSD_NMS.keepTopK();
        assertThat(out.get("NMS")).hasSize(BATCH * keep * 7);
        int total = 0;
        for (int n = 0; n < BATCH; n++) {
            List<NmsReference.Detection> expected = reference(image, n);
            total += expected.size();
            assertThat(out.get("NMS:1")[n]).as("keep count of image " + n).isEqualTo(expected.size());
            float[] rows = NmsReference.nmsTrtRows(n, expected, keep);
            float[] actual = java.util.Arrays.copyOfRange(out.get("NMS"), n * keep * 7, (n + 1) * keep * 7);
            for (int i = 0; i < keep; i++) {
                assertThat(actual[i * 7 + 1]).as("label, image %d row %d", n, i).isEqualTo(rows[i * 7 + 1]);
                if (rows[i * 7 + 1] >= 0) {
                    assertThat(actual[i * 7]).isEqualTo(n);
                    for (int k = 2; k < 7; k++) {
                        assertThat(actual[i * 7 + k]).as("image %d row %d column %d", n, i, k).isCloseTo(rows[i * 7 + k], within(1e-5f));
                    }
                }
            }
        }
        assertThat(total).as("detections kept in the batch").isGreaterThan(4);
    }

    @Test
    void unsupportedNmsVariantsAreRefusedWithTheNodeNamed() {
        UffGraphBuilder b = new UffGraphBuilder().input("Input", -1, 8, 1, 1);
        b.node("NMS", "_NMS_TRT", "Input", "Input", "Input").integer("numClasses", 2).integer("codeType", 3).add().markOutput("NMS");
        assertThatThrownBy(() -> UffToOnnx.standard().translate(b.graph("tf.uff"), UffTranslationOptions.defaults().withPlainNms(true)))
                .hasMessageContaining("NMS").hasMessageContaining("codeType 3")
                .hasMessageEndingWith("which the plain ONNX NMS does not support; translate without the plain NMS to keep the plugin")
                // a command line writes its own flag and value for the setting, as the message read before it named none
                .isInstanceOfSatisfying(SettingFact.class, f -> assertThat(f.render(s -> "--" + s.name().toLowerCase(Locale.ROOT)))
                        .endsWith("; translate without --plain_nms onnx to keep the plugin"));
    }

    /** An image of 30-pixel blocks of seeded values per channel, so the pooled feature maps differ. */
    static float[] blockImage(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int blocks = SIZE / BLOCK;
        float[] values = new float[BATCH * 3 * blocks * blocks];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextDouble() * 4 - 2);
        }
        float[] image = new float[BATCH * 3 * SIZE * SIZE];
        for (int i = 0; i < image.length; i++) {
            int x = i % SIZE, y = (i / SIZE) % SIZE, plane = i / (SIZE * SIZE);
            image[i] = values[(plane * blocks + y / BLOCK) * blocks + x / BLOCK];
        }
        return image;
    }

    /** The graph's NMS for image {@code n}, computed straight from the definitions. */
    static List<NmsReference.Detection> reference(float[] image, int n) {
        long[] pools = TltPluginGraphs.SSD_POOLS;
        List<Float> loc = new ArrayList<>();
        List<Float> conf = new ArrayList<>();
        for (int l = 0; l < pools.length; l++) {
            int priors = l == 0 ? 3 : TltPluginGraphs.ASPECT_RATIOS.length + 1;
            float[][][] pooled = avgPool(image, n, (int) pools[l]);
            head(pooled, TltPluginGraphs.weights(100 + l, 3 * priors * 4), priors * 4, loc);
            head(pooled, TltPluginGraphs.weights(200 + l, 3 * priors * TltPluginGraphs.CLASSES), priors * TltPluginGraphs.CLASSES, conf);
        }
        float[][] layers = GridAnchors.generate(0.2f, 0.95f, TltPluginGraphs.ASPECT_RATIOS, new long[] {SIZE / pools[0], SIZE / pools[1]},
                new float[] {0.1f, 0.1f, 0.2f, 0.2f}, 2, false);
        int half0 = layers[0].length / 2, half1 = layers[1].length / 2;
        float[] priors = new float[2 * (half0 + half1)];
        System.arraycopy(layers[0], 0, priors, 0, half0);
        System.arraycopy(layers[1], 0, priors, half0, half1);
        System.arraycopy(layers[0], half0, priors, half0 + half1, half0);
        System.arraycopy(layers[1], half1, priors, 2 * half0 + half1, half1);
        float[] locs = new float[loc.size()];
        for (int i = 0; i < locs.length; i++) {
            locs[i] = loc.get(i);
        }
        float[][] boxes = NmsReference.decodeCenterSize(locs, priors);
        float[][] scores = new float[boxes.length][TltPluginGraphs.CLASSES];
        for (int p = 0; p < boxes.length; p++) {
            for (int c = 0; c < TltPluginGraphs.CLASSES; c++) {
                double logit = conf.get(p * TltPluginGraphs.CLASSES + c) + TltPluginGraphs.SSD_CLASS_BIAS;
                scores[p][c] = (float) (1 / (1 + Math.exp(-logit)));
            }
        }
        TltPluginGraphs.NmsLimits nms = TltPluginGraphs.SSD_NMS;
        return NmsReference.nms(boxes, scores, new NmsReference.Params(TltPluginGraphs.CLASSES, 0, nms.topK(), nms.keepTopK(),
                (float) nms.threshold(), 0.5f, true));
    }

    private static float[][][] avgPool(float[] image, int n, int size) {
        int cells = SIZE / size;
        float[][][] out = new float[3][cells][cells];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    out[c][y / size][x / size] += image[((n * 3 + c) * SIZE + y) * SIZE + x];
                }
            }
            for (float[] row : out[c]) {
                for (int x = 0; x < cells; x++) {
                    row[x] /= (float) size * size;
                }
            }
        }
        return out;
    }

    /** A 1x1 convolution with HWIO weights, emitted cell by cell (NHWC) as the graph's transpose and flatten lay it out. */
    private static void head(float[][][] map, float[] kernel, int channels, List<Float> out) {
        int cells = map[0].length;
        for (int y = 0; y < cells; y++) {
            for (int x = 0; x < cells; x++) {
                for (int o = 0; o < channels; o++) {
                    double sum = 0;
                    for (int c = 0; c < 3; c++) {
                        sum += map[c][y][x] * kernel[c * channels + o];
                    }
                    out.add((float) sum);
                }
            }
        }
    }
}
