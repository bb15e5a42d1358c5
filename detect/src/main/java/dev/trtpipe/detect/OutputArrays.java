package dev.trtpipe.detect;

import java.util.HashMap;
import java.util.Map;

/**
 * Float arrays a caller lends a backend to convert a network's outputs into, kept from call to call. A batch
 * of 32 on Yolo-Fastest's raw heads is 27 MB of outputs a call: a new array each time costs as much memory
 * traffic (the JVM zeroes it) as copying the outputs in. The arrays handed out by one call are overwritten by
 * the next call with the same instance, so the caller must be done with them by then.
 *
 * <p>Not thread-safe: one per caller, like {@link BatchDetector}, which owns one.
 */
public final class OutputArrays {

    private final Map<String, float[]> arrays = new HashMap<>();

    /** The array kept for {@code output} if it has exactly {@code length} floats, else a new one kept from now on. */
    public float[] forOutput(String output, int length) {
        float[] kept = arrays.get(output);
        if (kept == null || kept.length != length) { // exact: callers read an output's length as its shape's volume
            kept = new float[length];
            arrays.put(output, kept);
        }
        return kept;
    }
}
