package dev.trtpipe.uff;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.trtpipe.uff.proto.Uff.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link FloatTranspose} and {@link Weights#permuted} against a transpose written from the definition. */
class FloatTransposeTest {

    /** out[index] = src[the source index whose axis perm[i] is the output's axis i], element by element. */
    private static float[] byDefinition(float[] src, long[] shape, int[] perm) {
        int rank = shape.length;
        long[] outShape = Weights.permuteShape(shape, perm);
        float[] out = new float[src.length];
        int[] outIndex = new int[rank];
        for (int o = 0; o < out.length; o++) {
            int rest = o;
            for (int i = rank - 1; i >= 0; i--) {
                outIndex[i] = (int) (rest % outShape[i]);
                rest /= (int) outShape[i];
            }
            int[] srcIndex = new int[rank];
            for (int i = 0; i < rank; i++) {
                srcIndex[perm[i]] = outIndex[i];
            }
            int s = 0;
            for (int i = 0; i < rank; i++) {
                s = s * (int) shape[i] + srcIndex[i];
            }
            out[o] = src[s];
        }
        return out;
    }

    @Test
    void kernelLayoutsAsUsaPrunedHasThem() {
        int[] hwioToOihw = ConvTranslator.hwioAxes(4);
        for (long[] shape : List.of(new long[] {3, 3, 56, 32}, new long[] {1, 1, 72, 4}, new long[] {7, 7, 3, 16},
                new long[] {1, 1, 72, 1}, new long[] {3, 3, 1, 24}, new long[] {5, 3, 8, 6})) {
            assertTransposes(shape, hwioToOihw, new Random(shape.length));
        }
    }

    /** Every rank up to 6, extents 0–4 (1 and 0 included), every permutation drawn at random. */
    @Test
    void anyShapeAndPermutation() {
        Random random = new Random(5);
        for (int trial = 0; trial < 2000; trial++) {
            int rank = 1 + random.nextInt(6);
            long[] shape = new long[rank];
            for (int i = 0; i < rank; i++) {
                shape[i] = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(4);
            }
            List<Integer> axes = new ArrayList<>();
            for (int i = 0; i < rank; i++) {
                axes.add(i);
            }
            Collections.shuffle(axes, random);
            assertTransposes(shape, axes.stream().mapToInt(Integer::intValue).toArray(), random);
        }
    }

    /** As the encoder calls it: from a constant's little-endian bytes into a direct buffer, at an offset, nothing else touched. */
    @Test
    void permutedWritesTheConstantIntoTheModelBytes() {
        long[] shape = {3, 3, 5, 7};
        float[] values = randomFloats(3 * 3 * 5 * 7, new Random(2));
        ByteBuffer le = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        le.asFloatBuffer().put(values);
        UffConstant constant = new UffConstant("k", DataType.DT_FLOAT32, shape, ByteString.copyFrom(le.array()));
        int[] perm = ConvTranslator.hwioAxes(4);
        ByteBuffer target = ByteBuffer.allocateDirect(4 * values.length + 20).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < target.capacity(); i++) {
            target.put(i, (byte) 0x5a);
        }
        Weights.permuted(constant, perm).writeTo(target, 9);
        float[] expected = byDefinition(values, shape, perm);
        for (int i = 0; i < expected.length; i++) {
            assertThat(target.getFloat(9 + 4 * i)).isEqualTo(expected[i]);
        }
        for (int i : new int[] {0, 8, 9 + 4 * values.length, target.capacity() - 1}) {
            assertThat(target.get(i)).as("byte %d", i).isEqualTo((byte) 0x5a);
        }
        assertThat(target.position()).isZero();
    }

    private static void assertTransposes(long[] shape, int[] perm, Random random) {
        int n = Math.toIntExact(UffConstant.elements(shape));
        float[] src = randomFloats(n, random);
        float[] out = new float[n];
        FloatTranspose.of(shape, perm).run(src, out);
        assertThat(out).as("shape %s perm %s", java.util.Arrays.toString(shape), java.util.Arrays.toString(perm))
                .containsExactly(byDefinition(src, shape, perm));
    }

    private static float[] randomFloats(int n, Random random) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextFloat();
        }
        return values;
    }
}
