package dev.trtpipe.detect.postprocess;

/**
 * A box as darknet keeps it: centre and size, relative (0–1) to the network input while decoding and
 * to the original image after {@link Postprocessor} has mapped it back.
 */
public record Box(float x, float y, float w, float h) {
}
