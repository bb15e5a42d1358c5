package dev.trtpipe.detect;

import java.util.List;

/**
 * Which anchors of a model's raw YOLO heads can yield a detection, so that a backend that runs the network on a
 * device can bring back only those anchors' values instead of whole heads (862 KB an image on Yolo-Fastest at
 * 416; nearly every anchor fails the objectness threshold).
 *
 * <p>An anchor is a candidate when its objectness value (channel 4 of its {@code 5 + classes}; a logit, or the
 * activated value under {@code new_coords}) is at least {@link HeadRule#selectFrom()}: the decode's own cutoff
 * lowered by a margin, so a backend never drops an anchor the decode keeps (extra candidates are removed by
 * the decode's own threshold). A backend honouring the filter returns, for each head it filtered, an array of
 * the head's full shape in which every candidate anchor holds all its channels and every other anchor holds
 * {@code -Infinity} as objectness (its other channels unspecified): exactly what the decode reads, since it
 * reads an anchor's other channels only when the objectness passes.
 *
 * @param heads one rule per raw head output
 */
public record CandidateFilter(List<HeadRule> heads) {

    /** Relative part of the margin below the decode's cutoff (1/1024 of its magnitude). */
    static final float RELATIVE_MARGIN = 1f / 1024;
    /** Absolute part of the margin, so a cutoff of 0 is lowered too. */
    static final float ABSOLUTE_MARGIN = 0x1p-20f;

    /**
     * The system property that turns the prefilter on ({@code -Dtrtpipe.gpuCandidates=true}). Off by default: the
     * CUDA kernel behind it ({@code yolo_candidates.cu}) is checked on the CPU (compiled with g++ against its Java
     * reference) but has not yet run on a GPU, and the GPU path it would change is verified without it.
     */
    public static final String ENABLE_PROPERTY = "trtpipe.gpuCandidates";

    public CandidateFilter {
        heads = List.copyOf(heads);
    }

    /** Whether backends are asked to bring back only candidate anchors ({@link #ENABLE_PROPERTY}). */
    public static boolean enabled() {
        return Boolean.getBoolean(ENABLE_PROPERTY);
    }

    /**
     * One raw head {@code (N, anchors · channels, gridHeight, gridWidth)}: anchor {@code a} of cell {@code c} has its
     * channel {@code k} at {@code ((n · anchors + a) · channels + k) · plane + c}.
     *
     * @param cutoff the decode's exact cutoff: it keeps an anchor when {@code objectness > cutoff}
     */
    public record HeadRule(String output, int anchors, int channels, int gridWidth, int gridHeight, float cutoff) {

        public HeadRule {
            if (!(cutoff > Float.NEGATIVE_INFINITY)) {
                throw new IllegalArgumentException(output + ": a cutoff of " + cutoff + " keeps every anchor; nothing to filter");
            }
            if (channels < 5 || anchors < 1 || gridWidth < 1 || gridHeight < 1) {
                throw new IllegalArgumentException(output + ": " + anchors + " anchors of " + channels + " channels on "
                        + gridWidth + "x" + gridHeight + " is not a YOLO head");
            }
        }

        public int plane() {
            return gridWidth * gridHeight;
        }

        /** Floats of one batch item. */
        public int itemSize() {
            return anchors * channels * plane();
        }

        /** What a backend compares objectness against ({@code >=}): the cutoff lowered by the margin. */
        public float selectFrom() {
            return lowered(cutoff);
        }

        /** The selection, as a backend's kernel makes it: the reference its GPU check compares with. */
        public boolean selects(float objectness) {
            return objectness >= selectFrom();
        }
    }

    /**
     * {@code cutoff} lowered by {@code |cutoff| / 1024 + 2^-20}: many floats below it at every magnitude. The copy
     * back is bit for bit, so comparing with the cutoff itself would already be exact; the margin keeps the filter
     * safe should the device ever see the value rounded differently from the host (another output type, a cutoff
     * worked out on the device). An infinite cutoff (threshold >= 1: nothing passes) stays as it is.
     */
    static float lowered(float cutoff) {
        if (Float.isInfinite(cutoff)) {
            return cutoff;
        }
        return cutoff - (Math.abs(cutoff) * RELATIVE_MARGIN + ABSOLUTE_MARGIN);
    }
}
