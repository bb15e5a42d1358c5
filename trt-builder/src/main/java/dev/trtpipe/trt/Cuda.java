package dev.trtpipe.trt;

import static org.bytedeco.cuda.global.cudart.cudaGetErrorString;

/** CUDA runtime return codes to exceptions. */
final class Cuda {

    private Cuda() {
    }

    static void check(int rc, String call) {
        if (rc != 0) {
            throw new TensorRtException(call + " failed: CUDA error " + rc + " (" + cudaGetErrorString(rc).getString() + ")");
        }
    }
}
