package dev.trtpipe.uff;

/** Weight re-layout done once at translation time, so TensorRT sees plain initializers. */
final class Weights {

    private Weights() {
    }

    /** Transposes a dense row-major tensor: output axis i is input axis {@code perm[i]}. */
    static float[] permute(float[] src, long[] shape, int[] perm) {
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
