package dev.trtpipe.video;

import dev.trtpipe.detect.preprocess.PixelMemory;
import dev.trtpipe.detect.preprocess.RecyclingPixelMemory;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The frames' memory during one {@link FramePipeline} run: for each memory the workers' work reads from (the
 * heap, an engine's pinned memory), a pool that hands the blocks of handled frames to later ones. A 1080p frame
 * is 6 MB: allocated per frame, a heap array is a humongous object for G1, zeroed and then overwritten, and
 * pinned memory is slow to lock. No idle limit: the run has at most a fixed number of frames in flight (its
 * queue and its workers), so a pool never holds more blocks than that. Closing gives the idle blocks back to
 * their memory; blocks of images still open go back when those close. Thread-safe.
 */
final class FrameMemory implements AutoCloseable {

    private final Map<PixelMemory, RecyclingPixelMemory> pools = new IdentityHashMap<>();
    private boolean closed;

    /** Where to make a frame that {@code memory}'s reader will read: a pool over it, the same for every frame. */
    synchronized PixelMemory recycling(PixelMemory memory) {
        if (closed) {
            throw new IllegalStateException("the pipeline's frame memory is closed");
        }
        return pools.computeIfAbsent(memory, m -> new RecyclingPixelMemory(m, Long.MAX_VALUE));
    }

    @Override
    public void close() {
        List<RecyclingPixelMemory> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(pools.values());
            pools.clear();
        }
        all.forEach(RecyclingPixelMemory::close);
    }
}
