package dev.trtpipe.eval;

/**
 * One detection as a COCO results file holds it: {@code image_id}, {@code category_id}, {@code bbox}
 * (top-left corner and size in pixels) and {@code score}.
 */
public record ScoredBox(long imageId, int categoryId, double x, double y, double w, double h, double score) {
}
