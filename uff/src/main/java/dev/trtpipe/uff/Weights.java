package dev.trtpipe.uff;

import dev.trtpipe.onnx.OnnxGraph;
import java.nio.ByteOrder;

/** Weight re-layout done once at translation time, so TensorRT sees plain initializers. */
final class Weights {

    private Weights() {
    }

    /**
     * A constant's floats transposed (output axis i = input axis {@code perm[i]}), as an initializer's raw
     * data written when the model is: read from the payload's bytes and transposed in this thread's
     * {@link FloatScratch}, then copied into the model's bytes in bulk.
     */
    static OnnxGraph.RawWriter permuted(UffConstant constant, int[] perm) {
        int elements = Math.toIntExact(constant.elementCount());
        FloatTranspose transpose = FloatTranspose.of(constant.shape(), perm);
        return (target, offset) -> {
            float[][] scratch = FloatScratch.of(elements);
            float[] src;
            if (constant.dtype() == dev.trtpipe.uff.proto.Uff.DataType.DT_FLOAT32) {
                src = scratch[0];
                constant.littleEndian().asFloatBuffer().get(src, 0, elements);
            } else {
                src = constant.floats();
            }
            transpose.run(src, scratch[1]);
            target.duplicate().order(ByteOrder.LITTLE_ENDIAN).position(offset).asFloatBuffer().put(scratch[1], 0, elements);
        };
    }

    static long[] permuteShape(long[] shape, int[] perm) {
        long[] out = new long[perm.length];
        for (int i = 0; i < perm.length; i++) {
            out[i] = shape[perm[i]];
        }
        return out;
    }
}
