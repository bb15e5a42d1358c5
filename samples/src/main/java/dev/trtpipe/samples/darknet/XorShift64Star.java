package dev.trtpipe.samples.darknet;

/**
 * The random number generator of the {@code ../shared/ref} fixtures (docs/references.md §4): xorshift64*
 * with the draw mapped to a float32 in {@code [lo, hi)}. Reproducing it exactly lets generated weights and
 * inputs be checked byte for byte against the fixtures darknet was run on.
 */
public final class XorShift64Star {

    private long state;

    public XorShift64Star(long seed) {
        this.state = seed * 0x9E3779B97F4A7C15L + 1;
    }

    /** The next draw as an unsigned 32-bit value. */
    public long nextUnsigned32() {
        state ^= state >>> 12;
        state ^= state << 25;
        state ^= state >>> 27;
        return (state * 0x2545F4914F6CDD1DL) >>> 32;
    }

    /** {@code lo + (hi − lo) · (u32 / 2^32)}, every operation in float32 as the recipe specifies. */
    public float uniform(float lo, float hi) {
        float unit = (float) nextUnsigned32() / 4294967296f;
        return lo + (hi - lo) * unit;
    }
}
