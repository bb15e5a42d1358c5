package dev.trtpipe.tools.selftest;

import dev.trtpipe.detect.TensorInfo;
import dev.trtpipe.trt.Engine;
import dev.trtpipe.onnx.OnnxModelInfo;
import dev.trtpipe.trt.check.ElementType;
import dev.trtpipe.trt.check.ErrorStats;
import dev.trtpipe.trt.check.OnnxRuntimeRunner;
import dev.trtpipe.trt.check.OutputComparison;
import dev.trtpipe.trt.check.RandomInputs;
import dev.trtpipe.trt.check.TensorData;
import dev.trtpipe.trt.check.Tolerances;
import dev.trtpipe.trt.check.ValueRange;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The self-test of a model that is not an image detector (several inputs, integer inputs, not NCHW):
 * {@code trtpipe check}'s path. Seeded random inputs of each input's type, ONNX Runtime's outputs as the
 * reference, and the engine compared output by output; the row reports the worst output.
 */
final class TensorCheckCase {

    /** The batch a dynamic batch dimension is exercised at, as for image models. */
    static final long DYNAMIC_BATCH = 2;

    private final Map<String, TensorData> feed;
    private final Map<String, TensorData> reference;
    private final boolean dynamicBatch;

    private TensorCheckCase(Map<String, TensorData> feed, Map<String, TensorData> reference, boolean dynamicBatch) {
        this.feed = feed;
        this.reference = reference;
        this.dynamicBatch = dynamicBatch;
    }

    /** Whether image preprocessing cannot feed the model: anything but one float NCHW input. */
    static boolean applies(OnnxModelInfo info) {
        TensorInfo first = info.inputs().get(0);
        return info.inputs().size() != 1 || !first.dataType().equals("float") || first.shape().length != 4;
    }

    static TensorCheckCase prepare(Path model, OnnxModelInfo info, long seed) throws IOException {
        RandomInputs random = new RandomInputs(seed);
        Map<String, TensorData> feed = new LinkedHashMap<>();
        boolean dynamicBatch = false;
        for (TensorInfo in : info.inputs()) {
            long[] shape = in.shape();
            if (shape.length > 0 && shape[0] < 0) {
                shape[0] = DYNAMIC_BATCH;
                dynamicBatch = true;
            }
            for (long d : shape) {
                if (d < 0) {
                    throw new IllegalArgumentException("input " + in + " has dynamic dimensions besides the batch; check it with"
                            + " trtpipe check --shapes " + in.name() + ":DIMS");
                }
            }
            ElementType type = ElementType.fromOnnxName(in.dataType(), model + ": input '" + in.name() + "'");
            feed.put(in.name(), random.generate(in.name(), type, shape, ValueRange.defaultFor(type)));
        }
        try (OnnxRuntimeRunner cpu = OnnxRuntimeRunner.open(model)) {
            return new TensorCheckCase(Collections.unmodifiableMap(feed), cpu.run(feed), dynamicBatch); // in the model's input order
        }
    }

    boolean dynamicBatch() {
        return dynamicBatch;
    }

    /** ONNX Runtime's outputs for {@link #feed}, by output name. */
    Map<String, TensorData> reference() {
        return reference;
    }

    Map<String, TensorData> feed() {
        return feed;
    }

    long[] firstInputShape() {
        return feed.values().iterator().next().shape();
    }

    /**
     * @param error   the largest max-abs error and the largest relative L2 over the outputs
     * @param replay  a second run against the first (0 when bit-identical)
     */
    record Measured(ErrorStats error, double replay, double[] runMs) {
    }

    Measured measure(Engine engine, int iterations) {
        Map<String, TensorData> out = engine.run(feed);
        double maxAbs = 0, relL2 = 0;
        for (Map.Entry<String, TensorData> e : reference.entrySet()) {
            TensorData candidate = Optional.ofNullable(out.get(e.getKey())).orElseThrow(() -> new IllegalArgumentException(
                    "the engine has no output '" + e.getKey() + "'"));
            OutputComparison c = OutputComparison.compare(e.getKey(), e.getValue(), candidate, Tolerances.defaults());
            if (c.problem().isPresent()) {
                throw new IllegalArgumentException("output '" + e.getKey() + "': " + c.problem().get());
            }
            // NaN (one side only) must fail the row: Math.max keeps it
            maxAbs = Math.max(maxAbs, c.maxAbs());
            relL2 = Math.max(relL2, c.relativeL2());
        }
        double[] ms = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            engine.run(feed);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Map<String, TensorData> again = engine.run(feed);
        double replay = 0;
        for (Map.Entry<String, TensorData> e : out.entrySet()) {
            replay = Math.max(replay, OutputComparison.compare(e.getKey(), e.getValue(), again.get(e.getKey()), Tolerances.defaults()).maxAbs());
        }
        return new Measured(new ErrorStats(maxAbs, relL2), replay, ms);
    }
}
