package dev.trtpipe.eval;

/**
 * A model's detection as darknet keeps it: class index, probability, and centre/size relative to the image.
 */
public record ClassBox(int classId, float probability, float x, float y, float w, float h) {
}
