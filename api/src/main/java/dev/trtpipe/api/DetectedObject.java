package dev.trtpipe.api;

import java.util.Objects;

/**
 * One detection: a box over the threshold for several classes is reported once per class, as darknet does.
 *
 * @param classId   the class index in the model
 * @param className the class's name ({@code class N} where the names are unknown)
 * @param score     the detection's probability (darknet: objectness × class probability)
 * @param box       where it is, in the image's pixels
 */
public record DetectedObject(int classId, String className, float score, ImageBox box) {

    public DetectedObject {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(box, "box");
    }
}
