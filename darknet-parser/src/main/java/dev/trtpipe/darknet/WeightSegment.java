package dev.trtpipe.darknet;

/** One array of a layer's weights record: what it is and how many float32 values it holds. */
public record WeightSegment(WeightKind kind, long count) {
}
