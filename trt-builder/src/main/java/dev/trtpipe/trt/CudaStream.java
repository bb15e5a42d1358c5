package dev.trtpipe.trt;

import static org.bytedeco.cuda.global.cudart.cudaStreamCreate;
import static org.bytedeco.cuda.global.cudart.cudaStreamDestroy;
import static org.bytedeco.cuda.global.cudart.cudaStreamSynchronize;

import org.bytedeco.cuda.cudart.CUstream_st;

/** A CUDA stream, destroyed on close. */
final class CudaStream implements AutoCloseable {

    private final CUstream_st stream = new CUstream_st();

    CudaStream() {
        Cuda.check(cudaStreamCreate(stream), "cudaStreamCreate");
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
