package dev.trtpipe.darknet.ref;

/**
 * The xorshift64* generator that produced the random {@code ref/mini} weights and inputs
 * (references.md §4): an independent source of the expected float values.
 */
public final class ReferenceRandom {

    public static final long WEIGHTS_SEED = 7;
    public static final long INPUT_SEED = 7 + 12345;

    private long state;

    public ReferenceRandom(long seed) {
        state = seed * 0x9E3779B97F4A7C15L + 1;
    }

    public float uniform(float lo, float hi) {
        state ^= state >>> 12;
        state ^= state << 25;
        state ^= state >>> 27;
        long u32 = (state * 0x2545F4914F6CDD1DL) >>> 32;
        return lo + (hi - lo) * ((float) u32 / 4294967296f);
    }
}
