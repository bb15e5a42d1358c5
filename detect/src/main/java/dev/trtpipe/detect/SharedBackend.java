package dev.trtpipe.detect;

import dev.trtpipe.detect.preprocess.ImagePlacement;
import dev.trtpipe.detect.preprocess.PixelMemory;
import dev.trtpipe.detect.preprocess.RgbImage;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes backends, which are not thread-safe, callable from several threads: each {@link #infer} borrows
 * an instance no other call is using and returns it afterwards. Over one instance this serialises the
 * calls — while one thread runs the network, the others pre- and post-process, which keeps a GPU busy.
 * Over several instances of the same model (e.g. two TensorRT execution contexts, each with its own
 * stream and buffers) one instance's copies can also overlap another's compute.
 *
 * <p>Owns the instances: {@link #close()} waits for the calls in flight and closes every instance.
 */
public final class SharedBackend implements InferenceBackend {

    private final List<InferenceBackend> instances;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled whenever an instance is given back (or the backend closes). */
    private final Condition returned = lock.newCondition();
    private final Deque<InferenceBackend> idle;
    private boolean closed;

    private SharedBackend(List<InferenceBackend> instances) {
        this.instances = List.copyOf(instances);
        this.idle = new ArrayDeque<>(this.instances);
    }

    /** Serialises the calls to {@code backend}. */
    public static SharedBackend of(InferenceBackend backend) {
        return new SharedBackend(List.of(Objects.requireNonNull(backend, "backend")));
    }

    /**
     * Shares interchangeable instances of one model; at most {@code instances.size()} calls run at once.
     *
     * @throws IllegalArgumentException the list is empty, or the instances differ in kind, inputs or outputs
     */
    public static SharedBackend of(List<? extends InferenceBackend> instances) {
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("a shared backend needs at least one instance");
        }
        InferenceBackend first = instances.get(0);
        for (InferenceBackend other : instances) {
            if (!other.name().equals(first.name()) || !other.input().equals(first.input())
                    || !other.outputs().equals(first.outputs()) || !other.metadata().equals(first.metadata())) {
                throw new IllegalArgumentException("shared backend instances must run the same model; " + first.name() + " "
                        + first.input() + " -> " + first.outputs() + " differs from " + other.name() + " " + other.input()
                        + " -> " + other.outputs() + " (or their metadata differ)");
            }
        }
        return new SharedBackend(List.copyOf(instances));
    }

    /** How many calls may run at once. */
    public int instanceCount() {
        return instances.size();
    }

    /**
     * The instances themselves, for measuring one alone (benchmarks) or inspecting it. Calling one
     * directly while this backend is in use would let two calls into it at once.
     */
    public List<InferenceBackend> instances() {
        return instances;
    }

    @Override
    public String name() {
        return instances.get(0).name();
    }

    @Override
    public TensorInfo input() {
        return instances.get(0).input();
    }

    @Override
    public List<TensorInfo> outputs() {
        return instances.get(0).outputs();
    }

    @Override
    public Map<String, String> metadata() {
        return instances.get(0).metadata();
    }

    @Override
    public long maxBatch() {
        return instances.get(0).maxBatch();
    }

    /**
     * Runs on a free instance, waiting for one if all are busy.
     *
     * @throws IllegalStateException the backend is closed
     * @throws InterruptedException  interrupted while waiting for an instance
     */
    @Override
    public Map<String, float[]> infer(float[] input, long[] shape) throws Exception {
        InferenceBackend instance = borrow();
        try {
            return instance.infer(input, shape);
        } finally {
            giveBack(instance);
        }
    }

    /**
     * The instances' own input preparation, run on a free instance like {@link #infer}; empty unless every
     * instance prepares darknet's input itself (see {@link DarknetInputBackend}).
     */
    public Optional<DarknetInputBackend> darknetInputs() {
        if (!instances.stream().allMatch(DarknetInputBackend.class::isInstance)) {
            return Optional.empty();
        }
        return Optional.of(new DarknetInputBackend() {
            @Override
            public Map<String, float[]> inferDarknetInputs(List<RgbImage> images, List<ImagePlacement> placements, long[] shape)
                    throws Exception {
                InferenceBackend instance = borrow();
                try {
                    return ((DarknetInputBackend) instance).inferDarknetInputs(images, placements, shape);
                } finally {
                    giveBack(instance);
                }
            }

            @Override
            public Map<String, float[]> inferDarknetInputs(List<RgbImage> images, List<ImagePlacement> placements, long[] shape,
                                                           OutputArrays into) throws Exception {
                InferenceBackend instance = borrow();
                try {
                    return ((DarknetInputBackend) instance).inferDarknetInputs(images, placements, shape, into);
                } finally {
                    giveBack(instance);
                }
            }

            @Override
            public Map<String, float[]> inferDarknetInputs(List<RgbImage> images, List<ImagePlacement> placements, long[] shape,
                                                           OutputArrays into, CandidateFilter filter) throws Exception {
                InferenceBackend instance = borrow();
                try {
                    return ((DarknetInputBackend) instance).inferDarknetInputs(images, placements, shape, into, filter);
                } finally {
                    giveBack(instance);
                }
            }

            /** The first instance's: instances of one model share it (a TensorRT engine's pinned pool is per engine). */
            @Override
            public PixelMemory pixelMemory() {
                return ((DarknetInputBackend) instances.get(0)).pixelMemory();
            }
        });
    }

    private InferenceBackend borrow() throws InterruptedException {
        lock.lock();
        try {
            while (idle.isEmpty() && !closed) {
                returned.await();
            }
            if (closed) {
                throw new IllegalStateException(name() + ": inference after the shared backend was closed");
            }
            return idle.pollFirst();
        } finally {
            lock.unlock();
        }
    }

    private void giveBack(InferenceBackend instance) {
        lock.lock();
        try {
            idle.addLast(instance); // FIFO: successive calls rotate over the instances
            returned.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Refuses new calls, waits for those in flight, then closes every instance. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            returned.signalAll(); // waiting callers fail fast instead of running on a closing instance
            while (idle.size() < instances.size()) {
                returned.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
        closeAll();
    }

    private void closeAll() {
        RuntimeException failure = null;
        for (InferenceBackend instance : instances) {
            try {
                instance.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
