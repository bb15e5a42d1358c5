package dev.trtpipe.uff;

import java.util.Locale;

/**
 * One output against its {@link PluginGraphReferences.Expected} values, by the rules gpu/uff-plugins.sh applies to the
 * engines (its Python twin): boxes and scores within {@link #TOLERANCE}, classes and image ids exactly, keep counts
 * exactly once decoded (an NMS_TRT engine's count holds int32 bits in a float output).
 */
record PluginOutputCheck(String output, boolean passed, String detail) {

    /**
     * Float32 on the GPU against float64-accumulated Java. The graphs' grids make the heads exact even in TF32, and the
     * references follow NMS_TRT's half-precision box sizes ({@link NmsReference#decodeCenterSizeAsPlugin}), which
     * reproduced the 12:25 H200 run's image-0 boxes to 3e-8 (the float decoding was 5.4e-4 off). What remains is one half
     * rounding decided the other way (hexp is an approximation): a size below 2 moves by at most 9.8e-4, a corner by
     * half that. 1e-3 passes that, while a wrong prior, decoding or selection moves values by 1e-2 and more (image 1's
     * boxes in the runs before: 1.0).
     */
    static final double TOLERANCE = 1e-3;

    static PluginOutputCheck of(PluginGraphReferences.Expected e, float[] actual) {
        float[] want = e.values();
        if (actual.length != want.length) {
            return new PluginOutputCheck(e.output(), false, actual.length + " values, expected " + want.length);
        }
        double maxAbs = 0;
        int mismatches = 0;
        for (int i = 0; i < want.length; i++) {
            float a = e.kind() == PluginGraphReferences.Kind.COUNT ? keepCount(actual[i]) : actual[i];
            boolean exact = switch (e.kind()) {
                case EXACT, COUNT -> true;
                case NMS_ROWS -> i % 7 < 2; // image id and label
                case VALUES -> false;
            };
            if (exact) {
                mismatches += a == want[i] ? 0 : 1;
            } else {
                maxAbs = Math.max(maxAbs, Math.abs((double) a - want[i]));
            }
        }
        boolean passed = mismatches == 0 && maxAbs <= TOLERANCE;
        return new PluginOutputCheck(e.output(), passed, String.format(Locale.ROOT, "%d exact mismatches, max abs err %.3g", mismatches, maxAbs));
    }

    /** A whole number as it is, anything else by its int32 bits (NMSDynamic_TRT's float-typed count). */
    static float keepCount(float v) {
        return v == Math.rint(v) ? v : Float.floatToRawIntBits(v);
    }
}
