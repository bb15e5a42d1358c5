package dev.trtpipe.eval;

/**
 * One ground-truth box in COCO's convention: top-left corner and size in pixels.
 *
 * @param id        COCO's annotation id (pycocotools treats a match with id 0 as no match; readers number from 1)
 * @param area      what COCOeval's area ranges test: COCO json's {@code area} (the segment's area), w·h otherwise
 * @param crowd     COCO's {@code iscrowd}: matches any number of detections, never counted as missed
 * @param difficult Pascal VOC's flag: darknet's map drops detections on it; COCO metrics see it as a crowd region
 */
public record Annotation(long id, long imageId, int categoryId, double x, double y, double w, double h, double area,
                         boolean crowd, boolean difficult) {
}
