package dev.trtpipe.detect.testing;

import dev.trtpipe.detect.InferenceBackend;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records how many {@link #infer} calls overlap. Each call holds the backend for a while, so that calls
 * which are not kept apart do overlap even on a machine with few cores.
 */
public final class ConcurrencyProbe extends ForwardingBackend {

    /** Calls in flight and the most ever seen at once; one gauge may watch several probes. */
    public static final class Gauge {
        private final AtomicInteger active = new AtomicInteger();
        private final AtomicInteger max = new AtomicInteger();

        void enter() {
            max.accumulateAndGet(active.incrementAndGet(), Math::max);
        }

        void exit() {
            active.decrementAndGet();
        }

        public int maxConcurrent() {
            return max.get();
        }

        int active() {
            return active.get();
        }
    }

    private final Duration hold;
    private final Gauge own = new Gauge();
    private final List<Gauge> shared;
    private final AtomicInteger calls = new AtomicInteger();
    private volatile boolean closedWhileBusy;

    /** @param alsoCounting gauges shared with other probes (e.g. all instances of a shared backend) */
    public ConcurrencyProbe(InferenceBackend delegate, Duration hold, Gauge... alsoCounting) {
        super(delegate);
        this.hold = hold;
        this.shared = List.of(alsoCounting);
    }

    @Override
    public Map<String, float[]> infer(float[] input, long[] shape) throws Exception {
        calls.incrementAndGet();
        own.enter();
        shared.forEach(Gauge::enter);
        try {
            Thread.sleep(hold.toMillis());
            return super.infer(input, shape);
        } finally {
            shared.forEach(Gauge::exit);
            own.exit();
        }
    }

    @Override
    public void close() {
        closedWhileBusy |= own.active() > 0;
        super.close();
    }

    /** Whether a call was still running on this backend when it was closed. */
    public boolean closedWhileBusy() {
        return closedWhileBusy;
    }

    /** Calls running now. */
    public int active() {
        return own.active();
    }

    /** The most calls this backend ran at once. */
    public int maxConcurrent() {
        return own.maxConcurrent();
    }

    public int calls() {
        return calls.get();
    }
}
