package dev.trtpipe.uff;

import dev.trtpipe.onnx.OnnxGraph;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;

/** Weight re-layout done once at translation time, so TensorRT sees plain initializers. */
final class Weights {

    private Weights() {
    }

    /**
     * A constant's floats transposed (output axis i = input axis {@code perm[i]}), as an initializer's raw
     * data written when the model is: read from the payload's bytes and written once, straight into the
     * model's array, with no buffer of their own.
     */
    static OnnxGraph.RawWriter permuted(UffConstant constant, int[] perm) {
        long[] shape = constant.shape();
        int elements = Math.toIntExact(constant.elementCount());
        return (target, offset) -> {
            FloatBuffer src = constant.dtype() == dev.trtpipe.uff.proto.Uff.DataType.DT_FLOAT32
                    ? constant.littleEndian().asFloatBuffer() : FloatBuffer.wrap(constant.floats());
            if (src.remaining() != elements) {
                throw new IllegalStateException(constant.name() + ": " + src.remaining() + " floats for " + elements);
            }
            if (shape.length <= 4) {
                permuteUpTo4(src, target, offset, shape, perm);
            } else {
                float[] values = new float[elements];
                src.get(values);
                float[] permuted = permuteAnyRank(values, shape, perm);
                for (int i = 0; i < permuted.length; i++) {
                    target.putFloat(offset + 4 * i, permuted[i]);
                }
            }
        };
    }

    /**
     * Kernels are rank 4 (or 2): four plain nested loops, which the JIT compiles to tight code. The loops
     * walk the source in order and scatter into the output: a TensorFlow kernel's innermost axis is its
     * output channels (16–72 long), while the output's innermost axis is the kernel width (1–7), too short
     * for a loop.
     */
    private static void permuteUpTo4(FloatBuffer src, ByteBuffer target, int offset, long[] shape, int[] perm) {
        int rank = shape.length;
        int pad = 4 - rank;
        int[] outStride = new int[rank]; // of output axis i, in bytes
        int stride = 4;
        for (int i = rank - 1; i >= 0; i--) {
            outStride[i] = stride;
            stride *= (int) shape[perm[i]];
        }
        int[] n = {1, 1, 1, 1};
        int[] w = {0, 0, 0, 0}; // output stride of each source axis, in bytes
        for (int i = 0; i < rank; i++) {
            n[pad + perm[i]] = (int) shape[perm[i]];
            w[pad + perm[i]] = outStride[i];
        }
        int in = 0;
        int step = w[3];
        for (int a = 0; a < n[0]; a++) {
            for (int b = 0; b < n[1]; b++) {
                for (int c = 0; c < n[2]; c++) {
                    int base = offset + a * w[0] + b * w[1] + c * w[2];
                    for (int d = 0; d < n[3]; d++) {
                        target.putFloat(base + d * step, src.get(in++));
                    }
                }
            }
        }
    }

    /** Any rank, with an odometer over the output axes. */
    private static float[] permuteAnyRank(float[] src, long[] shape, int[] perm) {
        int rank = shape.length;
        int[] inStride = new int[rank];
        int stride = 1;
        for (int i = rank - 1; i >= 0; i--) {
            inStride[i] = stride;
            stride *= (int) shape[i];
        }
        int[] outShape = new int[rank];
        int[] walk = new int[rank]; // input stride of each output axis
        for (int i = 0; i < rank; i++) {
            outShape[i] = (int) shape[perm[i]];
            walk[i] = inStride[perm[i]];
        }
        float[] out = new float[src.length];
        int[] index = new int[rank];
        int from = 0;
        int last = rank - 1;
        for (int o = 0; o < out.length; ) {
            // innermost output axis as a tight loop, the others as an odometer
            int step = walk[last];
            int n = outShape[last];
            for (int k = 0; k < n; k++) {
                out[o++] = src[from + k * step];
            }
            for (int a = last - 1; a >= 0; a--) {
                index[a]++;
                from += walk[a];
                if (index[a] < outShape[a]) {
                    break;
                }
                from -= walk[a] * outShape[a];
                index[a] = 0;
            }
        }
        return out;
    }

    static long[] permuteShape(long[] shape, int[] perm) {
        long[] out = new long[perm.length];
        for (int i = 0; i < perm.length; i++) {
            out[i] = shape[perm[i]];
        }
        return out;
    }
}
