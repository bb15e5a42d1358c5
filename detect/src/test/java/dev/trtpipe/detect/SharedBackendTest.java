package dev.trtpipe.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trtpipe.detect.onnxrt.OnnxRuntimeBackend;
import dev.trtpipe.detect.testing.ConcurrencyProbe;
import dev.trtpipe.detect.testing.ConcurrencyProbe.Gauge;
import dev.trtpipe.detect.testing.TinyOnnx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link SharedBackend}: how many calls reach each instance at once, and closing while calls run. */
class SharedBackendTest {

    private static final long[] SHAPE = {1, 3, 2, 2};
    private static final float[] INPUT = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};

    private OnnxRuntimeBackend identity;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);

    @BeforeEach
    void openModel() throws Exception {
        identity = OnnxRuntimeBackend.fromBytes(TinyOnnx.identity(TinyOnnx.FLOAT, new Long[] {1L, 3L, 2L, 2L}, Map.of()), "identity.onnx", 1);
    }

    @AfterEach
    void close() {
        threads.shutdownNow();
        identity.close();
    }

    @Test
    void oneInstanceRunsOneCallAtATime() throws Exception {
        ConcurrencyProbe probe = new ConcurrencyProbe(identity, Duration.ofMillis(5));
        SharedBackend shared = SharedBackend.of(probe);

        List<Map<String, float[]>> outputs = callConcurrently(shared, 12);

        assertThat(probe.calls()).isEqualTo(12);
        assertThat(probe.maxConcurrent()).isEqualTo(1);
        assertThat(outputs).allSatisfy(out -> assertThat(out.get("out")).containsExactly(INPUT));
    }

    @Test
    void twoInstancesRunTwoCallsAtOnceButNeverTwoOnOneInstance() throws Exception {
        Gauge both = new Gauge();
        ConcurrencyProbe first = new ConcurrencyProbe(identity, Duration.ofMillis(20), both);
        ConcurrencyProbe second = new ConcurrencyProbe(identity, Duration.ofMillis(20), both);
        SharedBackend shared = SharedBackend.of(List.of(first, second));

        callConcurrently(shared, 12);

        assertThat(shared.instanceCount()).isEqualTo(2);
        assertThat(first.maxConcurrent()).isEqualTo(1);
        assertThat(second.maxConcurrent()).isEqualTo(1);
        assertThat(both.maxConcurrent()).isEqualTo(2);
        assertThat(first.calls() + second.calls()).isEqualTo(12);
    }

    @Test
    void instancesMustRunTheSameModel() throws Exception {
        try (OnnxRuntimeBackend other = OnnxRuntimeBackend.fromBytes(
                TinyOnnx.identity(TinyOnnx.FLOAT, new Long[] {1L, 3L, 4L, 4L}, Map.of()), "other.onnx", 1)) {
            assertThatThrownBy(() -> SharedBackend.of(List.of(new ConcurrencyProbe(identity, Duration.ZERO),
                    new ConcurrencyProbe(other, Duration.ZERO))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("shared backend instances must run the same model; onnxruntime-cpu x float[1,3,2,2]");
        }
        assertThatThrownBy(() -> SharedBackend.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void closeWaitsForTheCallInFlightThenClosesEveryInstance() throws Exception {
        ConcurrencyProbe slow = new ConcurrencyProbe(identity, Duration.ofMillis(300));
        ConcurrencyProbe idle = new ConcurrencyProbe(identity, Duration.ZERO);
        SharedBackend shared = SharedBackend.of(List.of(slow, idle));
        Future<Map<String, float[]>> inFlight = threads.submit(() -> shared.infer(INPUT, SHAPE));
        while (slow.active() == 0) {
            Thread.onSpinWait();
        }

        shared.close();

        assertThat(slow.closed()).isTrue();
        assertThat(slow.closedWhileBusy()).isFalse();
        assertThat(inFlight.get().get("out")).containsExactly(INPUT);
        assertThat(idle.closed()).isTrue();
        assertThatThrownBy(() -> shared.infer(INPUT, SHAPE)).isInstanceOf(IllegalStateException.class)
                .hasMessage("onnxruntime-cpu: inference after the shared backend was closed");
    }

    private List<Map<String, float[]>> callConcurrently(SharedBackend shared, int calls) throws Exception {
        List<Future<Map<String, float[]>>> futures = new ArrayList<>();
        Callable<Map<String, float[]>> call = () -> shared.infer(INPUT.clone(), SHAPE);
        for (int i = 0; i < calls; i++) {
            futures.add(threads.submit(call));
        }
        List<Map<String, float[]>> outputs = new ArrayList<>();
        for (Future<Map<String, float[]>> f : futures) {
            outputs.add(f.get());
        }
        return outputs;
    }
}
