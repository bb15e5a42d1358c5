package dev.trtpipe.detect.postprocess;

/**
 * One reported (box, class) pair, as darknet prints it: a box over the threshold for several classes
 * is reported once per class.
 *
 * @param probability objectness · class probability
 * @param objectness  the candidate's objectness; NaN when the model does not output it (NMS in the graph)
 * @param box         centre/size relative to the original image
 * @param pixels      the box darknet draws on the original image
 */
public record Detection(int classId, float probability, float objectness, Box box, PixelBox pixels) {
}
