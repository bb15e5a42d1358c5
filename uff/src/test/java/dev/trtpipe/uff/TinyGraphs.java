package dev.trtpipe.uff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.SplittableRandom;

/** Small UFF graphs run both ways: ONNX Runtime on the translation against {@link NaiveUffInterpreter}. */
final class TinyGraphs {

    private TinyGraphs() {
    }

    static float[] noise(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return f;
    }

    /** Runs {@code graph} on seeded noise for input {@code input} of {@code shape} both ways; returns ORT's outputs. */
    static Map<String, float[]> agree(UffGraph graph, String input, long... shape) throws Exception {
        NaiveUffInterpreter.Tensor x = new NaiveUffInterpreter.Tensor(shape, noise(7, (int) NaiveUffInterpreter.product(shape)));
        Map<String, NaiveUffInterpreter.Tensor> expected = new NaiveUffInterpreter(graph).run(Map.of(input, x));
        Map<String, float[]> actual = Ort.run(UffToOnnx.standard().translate(graph).toBytes(), Map.of(input, x));
        for (var e : expected.entrySet()) {
            assertThat(actual.get(e.getKey())).as(e.getKey()).hasSize(e.getValue().data().length);
            assertThat(Ort.maxErrorRelativeToMax(actual.get(e.getKey()), e.getValue().data())).as(e.getKey()).isLessThan(1e-5);
        }
        return actual;
    }
}
