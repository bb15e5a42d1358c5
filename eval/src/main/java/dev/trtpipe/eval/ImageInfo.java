package dev.trtpipe.eval;

import java.util.Objects;

/**
 * One labelled image of a dataset.
 *
 * @param id       the dataset's image id (COCO's {@code image_id}; the list position for darknet and VOC sets)
 * @param fileName the image file, relative to the image folder (or absolute)
 * @param width    pixels, as the dataset states it (detections are mapped to this size)
 */
public record ImageInfo(long id, String fileName, int width, int height) {
    public ImageInfo {
        Objects.requireNonNull(fileName, "fileName");
    }
}
