package dev.trtpipe.video;

import dev.trtpipe.detect.preprocess.RgbImage;

/**
 * One decoded frame: its index among the source's decoded frames (0-based, counting the ones skipped by
 * {@code --every} and continuing across reconnects) and its presentation time in milliseconds.
 */
public record VideoFrame(long index, long timestampMs, RgbImage image) {
}
