package dev.trtpipe.trt;

import static org.bytedeco.cuda.global.cudart.cuLaunchKernel;
import static org.bytedeco.cuda.global.cudart.cudaMemcpyAsync;
import static org.bytedeco.cuda.global.cudart.cudaMemcpyHostToDevice;
import static org.bytedeco.cuda.global.cudart.cudaMemsetAsync;

import dev.trtpipe.detect.preprocess.ImagePlacement;
import dev.trtpipe.detect.preprocess.RgbImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.util.List;
import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * One stream's GPU preprocessing: the batch's 8-bit images go up once (planar RGB, back to back; by DMA
 * from the image's own planes when it lives in pinned memory, else through a pinned staging buffer) with a
 * small table of where each lies and where it lands, and {@link DarknetInputKernel} writes darknet's float input from them straight into a device tensor — the engine's input binding.
 * Buffers grow with the largest batch seen. Not thread-safe: one per execution context, like its buffers.
 */
final class DeviceImages implements AutoCloseable {

    /** Longs per batch item in the table the kernel reads (see {@code darknet_input.cu}). */
    static final int ITEM_FIELDS = 7;

    private final NativeResources resources = new NativeResources();
    private Staging raw;
    private CUfunc_st kernel;
    private Staging items;
    /** The kernel's five arguments, each in native memory of its own, as cuLaunchKernel takes them. */
    private final LongPointer rawArg = resources.add(new LongPointer(1));
    private final LongPointer itemsArg = resources.add(new LongPointer(1));
    private final LongPointer outArg = resources.add(new LongPointer(1));
    private final IntPointer widthArg = resources.add(new IntPointer(1));
    private final IntPointer heightArg = resources.add(new IntPointer(1));
    private final PointerPointer<Pointer> args = resources.add(new PointerPointer<>(rawArg, itemsArg, outArg, widthArg, heightArg));

    /**
     * Enqueues on {@code stream}: the uploads, the kernel for every image, zeros for items
     * {@code images.size()} to {@code batch - 1}. The caller synchronizes the stream before the next call
     * (the pinned buffers are reused) and before closing any of the images: the device reads a
     * {@linkplain RgbImage#pageLocked() page-locked} image's planes where they are, until then.
     *
     * @param input the device NCHW float tensor of at least {@code batch} items of 3 × netHeight × netWidth
     */
    void write(List<RgbImage> images, List<ImagePlacement> placements, Pointer input, long batch, int netWidth, int netHeight,
               CudaStream stream) {
        int n = images.size();
        if (n == 0 || n != placements.size() || n > batch || n > 65_535) {
            throw new IllegalArgumentException(n + " images with " + placements.size() + " placements for a batch of " + batch);
        }
        long rawBytes = 0;
        for (RgbImage image : images) {
            rawBytes += 3L * image.width() * image.height();
        }
        raw = Staging.fit(raw, rawBytes, resources);
        items = Staging.fit(items, (long) ITEM_FIELDS * Long.BYTES * n, resources);
        // pinned images go up one copy each, straight from their planes; heap images through the staging buffer,
        // as one block when there are only those (the copy into it is what pinned images save)
        boolean anyPinned = images.stream().anyMatch(RgbImage::pageLocked);
        ByteBuffer pixels = raw.host.asBytes().asByteBuffer();
        LongBuffer table = items.host.asBytes().asByteBuffer().order(ByteOrder.nativeOrder()).asLongBuffer();
        long offset = 0;
        for (int i = 0; i < n; i++) {
            RgbImage image = images.get(i);
            ImagePlacement p = placements.get(i);
            if (p.imageWidth() != image.width() || p.imageHeight() != image.height() || p.netWidth() != netWidth || p.netHeight() != netHeight) {
                throw new IllegalArgumentException("item " + i + ": placement " + p + " is not for a " + image.width() + "x" + image.height()
                        + " image in a " + netWidth + "x" + netHeight + " input");
            }
            long bytes = 3L * image.width() * image.height();
            table.put(offset).put(image.width()).put(image.height())
                    .put(p.scaledWidth()).put(p.scaledHeight()).put(p.offsetX()).put(p.offsetY());
            Pointer device = at(raw.device.address().address() + offset);
            if (image.pageLocked()) {
                Cuda.check(cudaMemcpyAsync(device, new BytePointer(image.planesView()), bytes, cudaMemcpyHostToDevice, stream.handle()),
                        "cudaMemcpyAsync(image " + i + ", pinned)");
            } else {
                pixels.position(Math.toIntExact(offset));
                image.copyPlanesTo(pixels);
                if (anyPinned) {
                    Cuda.check(cudaMemcpyAsync(device, at(raw.host.address().address() + offset), bytes, cudaMemcpyHostToDevice,
                            stream.handle()), "cudaMemcpyAsync(image " + i + ")");
                }
            }
            offset += bytes;
        }
        if (!anyPinned) {
            upload(raw, rawBytes, stream, "the images");
        }
        upload(items, (long) ITEM_FIELDS * Long.BYTES * n, stream, "the image table");
        long plane = (long) netWidth * netHeight;
        rawArg.put(raw.device.address().address());
        itemsArg.put(items.device.address().address());
        outArg.put(input.address());
        widthArg.put(netWidth);
        heightArg.put(netHeight);
        if (kernel == null) { // compiled once per process; looked up once per context, off the shared lock afterwards
            kernel = DarknetInputKernel.function();
        }
        DarknetInputKernel.driver(cuLaunchKernel(kernel, Math.toIntExact((plane + DarknetInputKernel.BLOCK - 1) / DarknetInputKernel.BLOCK), 3, n,
                DarknetInputKernel.BLOCK, 1, 1, 0, stream.handle(), args, null), "cuLaunchKernel(" + DarknetInputKernel.ENTRY + ")");
        if (batch > n) { // a fixed batch larger than the images: the rest is zeros, as the CPU path sends
            long itemBytes = 3 * plane * Float.BYTES;
            Cuda.check(cudaMemsetAsync(at(input.address() + n * itemBytes), 0, (batch - n) * itemBytes, stream.handle()),
                    "cudaMemsetAsync(unused batch items)");
        }
    }

    /**
     * A bare pointer to an address (JavaCPP's own idiom; the memory belongs to someone else). The parameter must
     * not be called {@code address}: inside the anonymous subclass the inherited field shadows it, and
     * {@code this.address = address} would leave the pointer null (which the first GPU run of pinned uploads hit).
     */
    static Pointer at(long target) {
        return new Pointer() {
            {
                address = target;
            }
        };
    }

    private static void upload(Staging staging, long bytes, CudaStream stream, String what) {
        Cuda.check(cudaMemcpyAsync(staging.device.address(), staging.host.address(), bytes, cudaMemcpyHostToDevice, stream.handle()),
                "cudaMemcpyAsync(" + what + ")");
    }

    @Override
    public void close() {
        resources.close();
    }

    /** A pinned host buffer and a device buffer of the same size. */
    private record Staging(PinnedBuffer host, DeviceBuffer device) {

        /** {@code current} if it holds {@code bytes}, else a new pair (the old one is freed with the rest). */
        static Staging fit(Staging current, long bytes, NativeResources resources) {
            if (current != null && current.host.bytes() >= bytes) {
                return current;
            }
            long size = Math.max(bytes, current == null ? 0 : 2 * current.host.bytes()); // grow geometrically
            return new Staging(resources.add(new PinnedBuffer(size)), resources.add(new DeviceBuffer(size)));
        }
    }
}
