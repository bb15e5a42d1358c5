package dev.trtpipe.trt;

import static org.bytedeco.cuda.global.cudart.cudaMemcpyAsync;
import static org.bytedeco.cuda.global.cudart.cudaMemcpyDeviceToHost;

import dev.trtpipe.detect.preprocess.ImagePlacement;
import dev.trtpipe.detect.preprocess.RgbImage;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * darknet's resize/letterbox on the GPU (issue 13 item 4): a CUDA kernel compiled at run time by NVRTC that
 * turns a batch's 8-bit images into the engine's float input in device memory, bit-exact with the CPU
 * kernels. An {@link Engine} runs it through {@link Engine#inferDarknetInputs}; this class says whether it
 * can run here and offers the kernel alone, for checking it against the CPU.
 *
 * <p>It needs NVRTC ({@code libnvrtc.so.13}, part of the CUDA toolkit, not of the driver) besides what
 * TensorRT needs. Where that is missing, callers keep preparing the input on the CPU.
 */
public final class GpuPreprocessing {

    private static volatile Optional<String> unavailable;

    private GpuPreprocessing() {
    }

    /**
     * Empty when the kernel compiled and loaded here (tried once per process); else one line saying why not,
     * e.g. that {@code libnvrtc.so.13} is not on the library path.
     */
    public static Optional<String> unavailableReason() {
        Optional<String> reason = unavailable;
        if (reason == null) {
            synchronized (GpuPreprocessing.class) {
                reason = unavailable;
                if (reason == null) {
                    reason = probe();
                    unavailable = reason;
                }
            }
        }
        return reason;
    }

    /** e.g. {@code NVRTC 13.0, sm_90, compiled in 41 ms}, or why it cannot run here. */
    public static String describe() {
        return unavailableReason().map(r -> "unavailable: " + r).orElseGet(DarknetInputKernel::description);
    }

    private static Optional<String> probe() {
        TrtAvailability.Status trt = TrtAvailability.probe();
        if (!trt.available()) {
            return Optional.of(trt.message());
        }
        try {
            DarknetInputKernel.function();
            return Optional.empty();
        } catch (LinkageError e) {
            List<String> missing = MissingLibraries.fromError(e);
            return Optional.of("NVRTC cannot be loaded (" + (missing.isEmpty() ? firstLine(e) : String.join(", ", missing) + " not found")
                    + "); it ships with the CUDA toolkit: put its lib64 folder on LD_LIBRARY_PATH");
        } catch (RuntimeException e) {
            return Optional.of("the GPU preprocessing kernel could not be built: " + firstLine(e));
        }
    }

    private static String firstLine(Throwable t) {
        String m = String.valueOf(t.getMessage());
        int newline = m.indexOf('\n');
        return newline < 0 ? m : m.substring(0, newline);
    }

    /**
     * {@link #prepare} on copies of the images in pinned memory — every one, or every other one when
     * {@code everyOther} (the rest stay on the heap, so one batch mixes both uploads) — the copies closed
     * afterwards: checks the upload straight from an image's planes against the staging-buffer one.
     */
    public static float[] prepareFromPinned(List<RgbImage> images, List<ImagePlacement> placements, int netWidth, int netHeight,
                                            boolean everyOther) {
        List<RgbImage> copies = new ArrayList<>(images.size());
        try {
            for (int i = 0; i < images.size(); i++) {
                copies.add(everyOther && i % 2 == 1 ? images.get(i) : images.get(i).copyIn(PinnedPixelMemory.INSTANCE));
            }
            return prepare(copies, placements, netWidth, netHeight);
        } finally {
            for (int i = 0; i < copies.size(); i++) {
                if (copies.get(i) != images.get(i)) {
                    copies.get(i).close();
                }
            }
        }
    }

    /**
     * darknet's input for {@code images}, made on the GPU as an engine gets it and copied back: an NCHW float
     * tensor of {@code images.size()} items, for comparing with {@code Preprocessor.toBatch} value for value.
     *
     * @throws IllegalStateException the kernel cannot run here ({@link #unavailableReason()})
     */
    public static float[] prepare(List<RgbImage> images, List<ImagePlacement> placements, int netWidth, int netHeight) {
        unavailableReason().ifPresent(r -> {
            throw new IllegalStateException(r);
        });
        long floats = 3L * netWidth * netHeight * images.size();
        try (CudaStream stream = new CudaStream();
             DeviceImages deviceImages = new DeviceImages();
             DeviceBuffer device = new DeviceBuffer(floats * Float.BYTES);
             PinnedBuffer host = new PinnedBuffer(floats * Float.BYTES)) {
            deviceImages.write(images, placements, device.address(), images.size(), netWidth, netHeight, stream);
            Cuda.check(cudaMemcpyAsync(host.address(), device.address(), floats * Float.BYTES, cudaMemcpyDeviceToHost, stream.handle()),
                    "cudaMemcpyAsync(prepared input)");
            stream.synchronize();
            float[] out = new float[Math.toIntExact(floats)];
            host.asBytes().asByteBuffer().order(ByteOrder.nativeOrder()).asFloatBuffer().get(out);
            return out;
        }
    }
}
