package dev.trtpipe.trt;

import static org.bytedeco.cuda.global.cudart.cudaMemcpyHostToDevice;
import static org.bytedeco.cuda.global.cudart.cudaMemcpy;

import java.util.Optional;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.tensorrt.nvinfer.IInt8EntropyCalibrator2;

/**
 * TensorRT's entropy calibrator (v2) over {@link CalibrationBatches}, with tao-converter-style cache
 * read and write. TensorRT calls back into it from native code, so no exception may escape a callback:
 * the first failure is kept and rethrown by the builder once TensorRT returns.
 */
final class EntropyCalibrator extends IInt8EntropyCalibrator2 {

    private final Optional<CalibrationBatches> batches;
    private final int batchSize;
    private final BuildListener listener;
    private final DeviceBuffer device;
    private final FloatPointer host;
    /** Kept referenced while TensorRT reads it. */
    private final BytePointer existingCache;
    private byte[] writtenCache;
    private int served;
    private boolean askedWithoutImages;
    private Throwable failure;

    EntropyCalibrator(Optional<CalibrationBatches> batches, int batchSize, int itemSize, Optional<byte[]> existingCache,
                      BuildListener listener) {
        this.batches = batches;
        this.batchSize = batchSize;
        this.listener = listener;
        long floats = (long) batchSize * itemSize;
        this.device = new DeviceBuffer(floats * Float.BYTES);
        this.host = new FloatPointer(floats);
        this.existingCache = existingCache.map(BytePointer::new).orElse(null);
    }

    @Override
    public int getBatchSize() {
        return batchSize;
    }

    @Override
    public boolean getBatch(PointerPointer bindings, PointerPointer names, int nbBindings) {
        if (failure != null) {
            return false;
        }
        if (batches.isEmpty()) {
            askedWithoutImages = true; // TensorRT did not accept the cache and wants to calibrate
            return false;
        }
        try {
            Optional<float[]> next = batches.get().next();
            if (next.isEmpty()) {
                return false;
            }
            served++;
            listener.phase("calibrating: batch " + served + " of " + batches.get().batchCount());
            float[] data = next.get();
            host.position(0).put(data, 0, data.length);
            Cuda.check(cudaMemcpy(device.address(), host, (long) data.length * Float.BYTES, cudaMemcpyHostToDevice), "cudaMemcpy(calibration batch)");
            bindings.put(0, device.address());
            return true;
        } catch (Exception | LinkageError e) {
            failure = e; // an image ImageIO cannot decode, a CUDA error: rethrown once TensorRT returns
            return false;
        }
    }

    @Override
    public Pointer readCalibrationCache(LongPointer length) {
        if (existingCache == null) {
            length.put(0L);
            return null;
        }
        length.put(existingCache.capacity());
        return existingCache;
    }

    @Override
    public void writeCalibrationCache(Pointer cache, long length) {
        byte[] bytes = new byte[Math.toIntExact(length)];
        new BytePointer(cache).capacity(length).get(bytes);
        writtenCache = bytes;
    }

    int batchesServed() {
        return served;
    }

    /** True when TensorRT asked for batches although only a cache was given: it rejected the cache. */
    boolean cacheRejected() {
        return askedWithoutImages;
    }

    Optional<byte[]> writtenCache() {
        return Optional.ofNullable(writtenCache);
    }

    Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public void close() {
        device.close();
        host.close();
        if (existingCache != null) {
            existingCache.close();
        }
        super.close();
    }
}
