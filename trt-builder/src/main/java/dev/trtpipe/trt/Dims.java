package dev.trtpipe.trt;

import org.bytedeco.tensorrt.nvinfer.Dims64;

/** Conversions between {@code long[]} shapes and TensorRT's {@code Dims64}. */
final class Dims {

    private Dims() {
    }

    static Dims64 of(long[] shape) {
        Dims64 d = new Dims64();
        d.nbDims(shape.length);
        for (int i = 0; i < shape.length; i++) {
            d.d(i, shape[i]);
        }
        return d;
    }

    static long[] toArray(Dims64 d) {
        long[] shape = new long[Math.max(d.nbDims(), 0)];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = d.d(i);
        }
        return shape;
    }

    static long volume(long[] shape) {
        long v = 1;
        for (long x : shape) {
            v *= x;
        }
        return v;
    }
}
