package dev.trtpipe.detect.postprocess;

import dev.trtpipe.darknet.DetectionSpec.Head;

/** The raw objectness value above which {@code [yolo]} decoding keeps an anchor, shared with candidate prefilters. */
public final class ObjectnessCutoff {

    private ObjectnessCutoff() {
    }

    /**
     * {@code new_coords} heads hold activated values (the conv has {@code activation=logistic}): the threshold
     * itself; other heads hold logits: the logistic's exact preimage of the threshold ({@link Logistic#cutoff}).
     * The decode keeps an anchor exactly when its raw objectness is greater than this.
     */
    public static float of(Head head, float threshold) {
        return of(head.newCoords(), threshold);
    }

    static float of(boolean newCoords, float threshold) {
        return newCoords ? threshold : Logistic.cutoff(threshold);
    }
}
