package dev.trtpipe.trt;

import static org.bytedeco.cuda.global.cudart.cuLaunchKernel;
import static org.bytedeco.cuda.global.cudart.cudaMemcpyAsync;
import static org.bytedeco.cuda.global.cudart.cudaMemcpyDeviceToHost;
import static org.bytedeco.cuda.global.cudart.cudaMemsetAsync;

import dev.trtpipe.detect.CandidateFilter.HeadRule;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * One stream's candidate prefilter for raw YOLO heads: after the network ran, {@link CandidateKernel} compacts each
 * head's candidate anchors on the device; the counts come back first, then, per head, only the record slots the
 * fullest item used ({@link CandidateRecords} has the layout). A head with more candidates in some item than its
 * capacity is left to the caller to copy whole, for that batch: correctness first. Buffers grow with the largest
 * batch seen. Not thread-safe: one per execution context.
 */
final class DeviceCandidates implements AutoCloseable {

    /** Records kept per item and head: far more than a scene at the usual thresholds yields (a few to tens). */
    static final int CAPACITY = 256;

    private final NativeResources resources = new NativeResources();
    private CUfunc_st kernel;
    private PinnedBuffer hostCounts;
    private DeviceBuffer deviceCounts;
    private final List<PinnedBuffer> hostRecords = new ArrayList<>();
    private final List<DeviceBuffer> deviceRecords = new ArrayList<>();
    /** The kernel's eight arguments, each in native memory of its own, as cuLaunchKernel takes them. */
    private final LongPointer headArg = resources.add(new LongPointer(1));
    private final IntPointer anchorsArg = resources.add(new IntPointer(1));
    private final IntPointer channelsArg = resources.add(new IntPointer(1));
    private final IntPointer planeArg = resources.add(new IntPointer(1));
    private final IntPointer capacityArg = resources.add(new IntPointer(1));
    private final FloatPointer selectFromArg = resources.add(new FloatPointer(1));
    private final LongPointer countsArg = resources.add(new LongPointer(1));
    private final LongPointer recordsArg = resources.add(new LongPointer(1));
    private final PointerPointer<Pointer> args = resources.add(new PointerPointer<>(headArg, anchorsArg, channelsArg, planeArg,
            capacityArg, selectFromArg, countsArg, recordsArg));

    /** One head to filter: its rule and the engine's output binding holding it (float). */
    record Head(HeadRule rule, Pointer device) {
    }

    /**
     * Enqueues the kernel on every head and the copy of the counts, synchronizes, then enqueues the copies of the
     * records of every head within capacity. The caller synchronizes the stream before {@link Pending#scatter}.
     */
    Pending select(List<Head> heads, int items, CudaStream stream) {
        if (items < 1 || items > 65_535) {
            throw new IllegalArgumentException("a batch of " + items + " items");
        }
        fitCounts((long) heads.size() * items * Integer.BYTES);
        Cuda.check(cudaMemsetAsync(deviceCounts.address(), 0, (long) heads.size() * items * Integer.BYTES, stream.handle()),
                "cudaMemsetAsync(candidate counts)");
        if (kernel == null) {
            kernel = CandidateKernel.function();
        }
        for (int h = 0; h < heads.size(); h++) {
            launch(heads.get(h), h, items, stream);
        }
        Cuda.check(cudaMemcpyAsync(hostCounts.address(), deviceCounts.address(), (long) heads.size() * items * Integer.BYTES,
                cudaMemcpyDeviceToHost, stream.handle()), "cudaMemcpyAsync(candidate counts)");
        stream.synchronize();
        int[] counts = new int[heads.size() * items];
        hostCounts.asBytes().asByteBuffer().order(ByteOrder.nativeOrder()).asIntBuffer().get(counts);
        boolean[] overflowed = new boolean[heads.size()];
        for (int h = 0; h < heads.size(); h++) {
            int slots = CandidateRecords.maxCount(counts, h * items, items);
            overflowed[h] = CandidateRecords.overflows(counts, h * items, items, CAPACITY);
            if (!overflowed[h] && slots > 0) {
                long bytes = (long) slots * items * CandidateRecords.recordSize(heads.get(h).rule()) * Float.BYTES;
                Cuda.check(cudaMemcpyAsync(hostRecords.get(h).address(), deviceRecords.get(h).address(), bytes, cudaMemcpyDeviceToHost,
                        stream.handle()), "cudaMemcpyAsync(candidates of " + heads.get(h).rule().output() + ")");
            }
        }
        return new Pending(heads, items, counts, overflowed);
    }

    private void launch(Head head, int h, int items, CudaStream stream) {
        HeadRule rule = head.rule();
        long recordBytes = (long) CAPACITY * items * CandidateRecords.recordSize(rule) * Float.BYTES;
        while (deviceRecords.size() <= h) {
            deviceRecords.add(null);
            hostRecords.add(null);
        }
        if (deviceRecords.get(h) == null || deviceRecords.get(h).bytes() < recordBytes) {
            deviceRecords.set(h, resources.add(new DeviceBuffer(recordBytes))); // an outgrown pair is freed with the rest
            hostRecords.set(h, resources.add(new PinnedBuffer(recordBytes)));
        }
        int anchorsPerItem = rule.anchors() * rule.plane();
        headArg.put(head.device().address());
        anchorsArg.put(rule.anchors());
        channelsArg.put(rule.channels());
        planeArg.put(rule.plane());
        capacityArg.put(CAPACITY);
        selectFromArg.put(rule.selectFrom());
        countsArg.put(deviceCounts.address().address() + (long) h * items * Integer.BYTES);
        recordsArg.put(deviceRecords.get(h).address().address());
        DarknetInputKernel.driver(cuLaunchKernel(kernel, (anchorsPerItem + CandidateKernel.BLOCK - 1) / CandidateKernel.BLOCK, 1, items,
                CandidateKernel.BLOCK, 1, 1, 0, stream.handle(), args, null), "cuLaunchKernel(" + CandidateKernel.ENTRY + ")");
    }

    private void fitCounts(long bytes) {
        if (deviceCounts == null || deviceCounts.bytes() < bytes) {
            deviceCounts = resources.add(new DeviceBuffer(bytes));
            hostCounts = resources.add(new PinnedBuffer(bytes));
        }
    }

    @Override
    public void close() {
        resources.close();
    }

    /** The selection of one batch, its records on their way to the host. */
    final class Pending {
        private final List<Head> heads;
        private final int items;
        private final int[] counts;
        private final boolean[] overflowed;

        private Pending(List<Head> heads, int items, int[] counts, boolean[] overflowed) {
            this.heads = heads;
            this.items = items;
            this.counts = counts;
            this.overflowed = overflowed;
        }

        /** Whether head {@code h} had more candidates in some item than the capacity: the caller copies it whole. */
        boolean overflowed(int h) {
            return overflowed[h];
        }

        /** Head {@code h}'s count per item. */
        int[] counts(int h) {
            return Arrays.copyOfRange(counts, h * items, (h + 1) * items);
        }

        /** Head {@code h} as {@link dev.trtpipe.detect.CandidateFilter} promises it, into {@code into}; after the stream synchronized. */
        void scatter(int h, float[] into) {
            FloatBuffer records = hostRecords.get(h).asBytes().asByteBuffer().order(ByteOrder.nativeOrder()).asFloatBuffer();
            CandidateRecords.scatter(records, counts, h * items, items, heads.get(h).rule(), into);
        }
    }
}
