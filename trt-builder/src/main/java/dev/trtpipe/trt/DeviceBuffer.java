package dev.trtpipe.trt;

import static org.bytedeco.cuda.global.cudart.cudaFree;
import static org.bytedeco.cuda.global.cudart.cudaMalloc;

import org.bytedeco.javacpp.Pointer;

/** GPU memory from {@code cudaMalloc}, freed on close. */
final class DeviceBuffer implements AutoCloseable {

    private final Pointer address = new Pointer();
    private final long bytes;

    DeviceBuffer(long bytes) {
        this.bytes = Math.max(bytes, 1);
        Cuda.check(cudaMalloc(address, this.bytes), "cudaMalloc(" + this.bytes + " bytes)");
    }

    Pointer address() {
        return address;
    }

    long bytes() {
        return bytes;
    }

    @Override
    public void close() {
        if (!address.isNull()) {
            cudaFree(address);
            address.setNull();
        }
    }
}
