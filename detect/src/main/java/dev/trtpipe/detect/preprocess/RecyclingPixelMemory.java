package dev.trtpipe.detect.preprocess;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps the blocks images give back and hands them out again to images of the same size, instead of asking
 * {@code source} each time: page-locked memory is slow to allocate ({@code cudaMallocHost} maps and locks
 * pages), and a run over a folder or a video makes images of a few sizes over and over.
 *
 * <p>At most {@code maxIdleBytes} are kept idle; a block given back beyond that, or after {@link #close()},
 * goes back to {@code source} at once. Blocks still held by images when this closes go back to the source
 * when those images close. Thread-safe.
 */
public final class RecyclingPixelMemory implements PixelMemory, AutoCloseable {

    private final PixelMemory source;
    private final long maxIdleBytes;
    /** Idle blocks by their size in bytes. */
    private final Map<Integer, Deque<Block>> idle = new HashMap<>();
    private long idleBytes;
    private long allocated;
    private long reused;
    private boolean closed;

    public RecyclingPixelMemory(PixelMemory source, long maxIdleBytes) {
        this.source = Objects.requireNonNull(source, "source");
        if (maxIdleBytes < 0) {
            throw new IllegalArgumentException("maxIdleBytes must not be negative, got " + maxIdleBytes);
        }
        this.maxIdleBytes = maxIdleBytes;
    }

    @Override
    public Block allocate(int bytes) {
        Block raw;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("image memory (" + source + ") is closed");
            }
            Deque<Block> sameSize = idle.get(bytes);
            raw = sameSize == null ? null : sameSize.pollLast(); // the most recently used: likeliest still in cache
            if (raw != null) {
                idleBytes -= bytes;
                reused++;
            } else {
                allocated++;
            }
        }
        if (raw == null) {
            raw = source.allocate(bytes);
        }
        Block held = raw;
        return new Block(held.buffer().clear(), held.pageLocked(), () -> giveBack(held));
    }

    private void giveBack(Block raw) {
        int bytes = raw.buffer().capacity();
        synchronized (this) {
            if (!closed && idleBytes + bytes <= maxIdleBytes) {
                idle.computeIfAbsent(bytes, b -> new ArrayDeque<>()).addLast(raw);
                idleBytes += bytes;
                return;
            }
        }
        raw.release().run();
    }

    /** Blocks asked of the source so far. */
    public synchronized long allocated() {
        return allocated;
    }

    /** Blocks handed out again after an image gave them back. */
    public synchronized long reused() {
        return reused;
    }

    /** Bytes kept for reuse now. */
    public synchronized long idleBytes() {
        return idleBytes;
    }

    /** Gives every idle block back to the source; later allocations fail, later give-backs go to the source. */
    @Override
    public void close() {
        Deque<Block> all = new ArrayDeque<>();
        synchronized (this) {
            closed = true;
            idle.values().forEach(all::addAll);
            idle.clear();
            idleBytes = 0;
        }
        all.forEach(b -> b.release().run());
    }

    @Override
    public String toString() {
        return "recycled " + source;
    }
}
