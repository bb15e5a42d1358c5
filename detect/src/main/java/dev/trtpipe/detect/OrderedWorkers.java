package dev.trtpipe.detect;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The machinery of {@link DetectionPool} and {@link BatchDetectionPool}: one thread per worker object
 * (a detector, which is not thread-safe), each task borrowing a worker no other task holds, and a
 * sequence of tasks run with their results handed over in submission order.
 *
 * @param <W> the worker type, e.g. {@link Detector}
 */
final class OrderedWorkers<W> implements AutoCloseable {

    /** One unit of work on a borrowed worker; it wraps its own failures (naming the image). */
    @FunctionalInterface
    interface Task<W, T> {
        T run(W worker) throws Exception;
    }

    /** Takes results in submission order, on the thread that called {@link #runInOrder}. */
    @FunctionalInterface
    interface Sink<T> {
        void accept(T result) throws IOException;
    }

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final int threads;
    /** As many workers as threads, so taking one never waits. */
    private final BlockingQueue<W> idle;
    private final ExecutorService executor;

    /** @param workers one per thread */
    OrderedWorkers(String threadPrefix, List<W> workers) {
        this.threads = workers.size();
        this.idle = new ArrayBlockingQueue<>(threads);
        idle.addAll(workers);
        String prefix = threadPrefix + POOLS.incrementAndGet() + "-";
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(threads, task -> {
            Thread t = new Thread(task, prefix + count.incrementAndGet());
            t.setDaemon(true); // a pool left open must not keep the JVM alive
            return t;
        });
    }

    /**
     * {@code threads} detectors from {@code factory}, each over {@code backend}.
     *
     * @throws IllegalArgumentException {@code threads < 1}, or the factory built a detector over another backend
     */
    static List<Detector> detectorsOver(SharedBackend backend, int threads, Function<? super SharedBackend, Detector> factory) {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(factory, "detectors");
        if (threads < 1) {
            throw new IllegalArgumentException("a detection pool needs at least one thread, got " + threads);
        }
        List<Detector> detectors = new ArrayList<>(threads);
        for (int i = 0; i < threads; i++) {
            Detector detector = factory.apply(backend);
            if (detector.backend() != backend) {
                // a detector on the unshared backend would let two threads into it at once
                throw new IllegalArgumentException("the detector factory must build detectors over the shared backend it is given");
            }
            detectors.add(detector);
        }
        return detectors;
    }

    int threads() {
        return threads;
    }

    /** @param abandoned once set, tasks not yet started return {@code null} without running */
    <T> Future<T> submit(Task<W, T> task, AtomicBoolean abandoned) {
        try {
            return executor.submit(() -> {
                if (abandoned.get()) {
                    return null;
                }
                W worker = idle.take(); // never waits: there are as many workers as threads
                try {
                    return task.run(worker);
                } finally {
                    idle.add(worker);
                }
            });
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the detection pool is closed", e);
        }
    }

    /**
     * Keeps up to {@code 2 · threads} tasks submitted and hands their results to the sink in order. After a
     * failure it submits nothing more but still waits for every task in flight, so that nothing is running
     * on the backend when this returns (the caller may close the backend next).
     *
     * @param what the work in words, for the interruption message (e.g. {@code detecting on 12 images})
     * @throws IOException what the sink threw, or the first failed task's exception
     */
    <T> void runInOrder(List<Task<W, T>> tasks, Sink<T> sink, String what) throws IOException {
        AtomicBoolean abandoned = new AtomicBoolean();
        Deque<Future<T>> inFlight = new ArrayDeque<>();
        int next = 0;
        Throwable failure = null;
        boolean interrupted = false;
        while (true) {
            while (!abandoned.get() && next < tasks.size() && inFlight.size() < 2 * threads) {
                inFlight.addLast(submit(tasks.get(next++), abandoned));
            }
            Future<T> head = inFlight.peekFirst();
            if (head == null) {
                break;
            }
            try {
                T result = head.get();
                inFlight.removeFirst();
                if (!abandoned.get()) {
                    sink.accept(result);
                }
            } catch (InterruptedException e) {
                interrupted = true; // get() cleared the status: the next get() waits again
                abandoned.set(true);
            } catch (ExecutionException e) {
                inFlight.removeFirst();
                abandoned.set(true);
                failure = failure == null ? e.getCause() : failure;
            } catch (IOException | RuntimeException e) {
                abandoned.set(true);
                failure = failure == null ? e : failure;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while " + what);
        }
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof RuntimeException e) { // from the sink: tasks wrap theirs
            throw e;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw new IOException("detection worker failed: " + failure, failure);
        }
    }

    /** Lets the tasks already submitted finish, then stops the threads. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            while (!executor.awaitTermination(1, TimeUnit.MINUTES)) {
                // a detection takes milliseconds; keep waiting rather than abandon native calls mid-flight
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
