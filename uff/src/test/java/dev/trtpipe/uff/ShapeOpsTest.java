package dev.trtpipe.uff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Translators the interpreter does not cover, against values computed here from each op's definition. */
class ShapeOpsTest {

    private static final long[] SHAPE = {2, 3, 2, 2};
    private static final float[] X = TinyGraphs.noise(9, 24);

    private static Map<String, float[]> run(UffGraphBuilder b) throws Exception {
        return Ort.run(UffToOnnx.standard().translate(b.graph("ops")).toBytes(),
                Map.of("x", new NaiveUffInterpreter.Tensor(SHAPE, X)));
    }

    private static float x(int n, int c, int h, int w) {
        return X[((n * 3 + c) * 2 + h) * 2 + w];
    }

    @Test
    void reduceMeanKeepsTheReducedAxesAsTheUffParserDid() throws Exception {
        UffGraphBuilder b = new UffGraphBuilder().input("x", -1, 3, 2, 2);
        b.node("mean", "Reduce", "x").string("func", "mean").ints("axes", 2, 3).bool("keepdims", false).add().markOutput("mean");
        float[] out = run(b).get("mean");
        assertThat(out).hasSize(6);
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 3; c++) {
                float expected = (x(n, c, 0, 0) + x(n, c, 0, 1) + x(n, c, 1, 0) + x(n, c, 1, 1)) / 4;
                assertThat(out[n * 3 + c]).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-6f));
            }
        }
    }

    @Test
    void softmaxWithTheConvertersAxisZeroRunsOverChannels() throws Exception {
        UffGraphBuilder b = new UffGraphBuilder().input("x", -1, 3, 2, 2);
        b.node("prob", "Softmax", "x").integer("axis", 0).add().markOutput("prob");
        float[] out = run(b).get("prob");
        double sum = 0;
        for (int c = 0; c < 3; c++) {
            sum += Math.exp(x(1, c, 1, 0));
        }
        assertThat(out[((1 * 3 + 2) * 2 + 1) * 2]).isCloseTo((float) (Math.exp(x(1, 2, 1, 0)) / sum), org.assertj.core.data.Offset.offset(1e-6f));
    }

    @Test
    void gatherTransposeAndStack() throws Exception {
        UffGraphBuilder b = new UffGraphBuilder().input("x", -1, 3, 2, 2);
        b.int32s("idx", new long[] {2}, 2, 0);
        b.node("picked", "Gather", "x", "idx").integer("axis", 1).add().markOutput("picked");
        b.int32s("perm", new long[] {4}, 0, 2, 3, 1);
        b.node("nhwc", "Transpose", "x", "perm").add().markOutput("nhwc");
        b.node("stacked", "Stack", "x", "x").integer("axis", 1).add().markOutput("stacked");
        Map<String, float[]> out = run(b);
        assertThat(out.get("picked")).hasSize(2 * 2 * 4);
        assertThat(out.get("picked")[4]).isEqualTo(x(0, 0, 0, 0)); // n 0, second index (channel 0), h 0, w 0
        assertThat(out.get("nhwc")[((1 * 2 + 1) * 2 + 0) * 3 + 2]).isEqualTo(x(1, 2, 1, 0));
        assertThat(out.get("stacked")).hasSize(48);
        assertThat(out.get("stacked")[24 + 12 + 5]).isEqualTo(X[12 + 5]); // n 1, copy 1 = n 1 of x
    }

    @Test
    void fullyConnectedFlattensAndMultipliesTensorFlowsDenseKernel() throws Exception {
        UffGraphBuilder b = new UffGraphBuilder().input("x", -1, 3, 2, 2);
        float[] w = TinyGraphs.noise(4, 12 * 5);
        b.floats("w", new long[] {12, 5}, w);
        b.node("fc", "FullyConnected", "x", "w").add().markOutput("fc");
        float[] out = run(b).get("fc");
        for (int n = 0; n < 2; n++) {
            for (int k = 0; k < 5; k++) {
                double sum = 0;
                for (int c = 0; c < 12; c++) {
                    sum += X[n * 12 + c] * w[c * 5 + k];
                }
                assertThat(out[n * 5 + k]).isCloseTo((float) sum, org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
    }
}
