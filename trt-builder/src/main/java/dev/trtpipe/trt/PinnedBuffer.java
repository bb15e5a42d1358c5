package dev.trtpipe.trt;

import static org.bytedeco.cuda.global.cudart.cudaFreeHost;
import static org.bytedeco.cuda.global.cudart.cudaMallocHost;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

/** Page-locked host memory ({@code cudaMallocHost}) for fast, truly asynchronous copies; freed on close. */
final class PinnedBuffer implements AutoCloseable {

    private final Pointer address = new Pointer();
    private final long bytes;

    PinnedBuffer(long bytes) {
        this.bytes = Math.max(bytes, 1);
        Cuda.check(cudaMallocHost(address, this.bytes), "cudaMallocHost(" + this.bytes + " bytes)");
    }

    Pointer address() {
        return address;
    }

    long bytes() {
        return bytes;
    }

    /** A byte view of the whole buffer (position 0, limit = capacity). */
    BytePointer asBytes() {
        return new BytePointer(address).capacity(bytes);
    }

    @Override
    public void close() {
        if (!address.isNull()) {
            cudaFreeHost(address);
            address.setNull();
        }
    }
}
