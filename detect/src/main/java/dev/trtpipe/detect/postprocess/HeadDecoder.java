package dev.trtpipe.detect.postprocess;

import dev.trtpipe.darknet.DetectionSpec.Head;

/**
 * Turns one head's raw tensor (the conv output feeding {@code [yolo]}/{@code [region]}, one batch item
 * laid out as {@code [anchor][5 + classes][row][column]}) into darknet's thresholded candidates.
 */
sealed interface HeadDecoder permits YoloDecoder, RegionDecoder {

    static HeadDecoder of(Head head, int netWidth, int netHeight) {
        return switch (head.kind()) {
            case YOLO -> new YoloDecoder(head, netWidth, netHeight);
            case REGION -> new RegionDecoder(head);
        };
    }

    /** Floats of one batch item: anchors · (5 + classes) · rows · columns. */
    int itemSize();

    /** Appends the candidates of the item starting at {@code raw[offset]}, boxes relative to the network input. */
    void decode(float[] raw, int offset, float threshold, Candidates out);
}
