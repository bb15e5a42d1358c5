package dev.trtpipe.trt;

import static org.bytedeco.cuda.global.cudart.cudaStreamCreateWithFlags;
import static org.bytedeco.cuda.global.cudart.cudaStreamDestroy;
import static org.bytedeco.cuda.global.cudart.cudaStreamNonBlocking;
import static org.bytedeco.cuda.global.cudart.cudaStreamSynchronize;

import org.bytedeco.cuda.cudart.CUstream_st;

/**
 * A CUDA stream, destroyed on close. Non-blocking: work on the legacy default stream (which some
 * libraries still use) does not wait for it, nor it for that work, so several engines in one process
 * run side by side instead of in turn.
 */
final class CudaStream implements AutoCloseable {

    private final CUstream_st stream = new CUstream_st();

    CudaStream() {
        Cuda.check(cudaStreamCreateWithFlags(stream, cudaStreamNonBlocking), "cudaStreamCreateWithFlags");
    }

    CUstream_st handle() {
        return stream;
    }

    void synchronize() {
        Cuda.check(cudaStreamSynchronize(stream), "cudaStreamSynchronize");
    }

    @Override
    public void close() {
        if (!stream.isNull()) {
            cudaStreamDestroy(stream);
            stream.setNull();
        }
    }
}
