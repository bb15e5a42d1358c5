package dev.trtpipe.detect.testing;

import dev.trtpipe.darknet.DetectionSpec;
import dev.trtpipe.darknet.DetectionSpec.Head;
import dev.trtpipe.darknet.DetectionSpec.HeadKind;
import dev.trtpipe.darknet.NmsKind;
import java.util.List;

/**
 * DetectionSpecs written by hand from the cfgs in {@code ../shared} (the cfg parser lives in another
 * module and is not needed to test decoding). Output names follow the converter's convention.
 */
public final class ReferenceSpecs {

    private ReferenceSpecs() {
    }

    /**
     * models/darknet/trained/yolo-fastest-1.1_coco/yolo-fastest-1.1.cfg: 320x320, no letter_box,
     * anchors 12,18, 37,49, 52,132, 115,73, 119,199, 242,238; heads 120 (mask 3,4,5) and 129 (mask 0,1,2),
     * scale_x_y 1.0, nms_kind greedynms.
     */
    public static DetectionSpec yoloFastest() {
        return new DetectionSpec(320, 320, 3, false, NmsKind.GREEDYNMS, 0.6f, List.of(
                new Head(120, HeadKind.YOLO, "yolo_121", 10, 10, 80, new float[] {115, 73, 119, 199, 242, 238}, 1.0f, false),
                new Head(129, HeadKind.YOLO, "yolo_130", 20, 20, 80, new float[] {12, 18, 37, 49, 52, 132}, 1.0f, false)));
    }

    /**
     * ref/mini/yolov3-tiny/model.cfg: 160x128, 2 classes, anchors 10,14, 23,27, 37,58, 81,82, 135,169,
     * 344,319; heads 15 (grid 5x4, mask 3,4,5) and 22 (grid 10x8, mask 0,1,2); no nms_kind.
     */
    public static DetectionSpec yolov3TinyMini() {
        return new DetectionSpec(160, 128, 3, false, NmsKind.DEFAULT, 0.6f, List.of(
                new Head(15, HeadKind.YOLO, "yolo_16", 5, 4, 2, new float[] {81, 82, 135, 169, 344, 319}, 1.0f, false),
                new Head(22, HeadKind.YOLO, "yolo_23", 10, 8, 2, new float[] {10, 14, 23, 27, 37, 58}, 1.0f, false)));
    }

    /**
     * ref/mini/yolov2-tiny/model.cfg: 160x128, [region] after conv 14 (grid 5x4), 2 classes, 5 anchors in
     * grid cells 0.57273, 0.677385, 1.87446, 2.06253, 3.33843, 5.47434, 7.88282, 3.52778, 9.77052, 9.16828.
     */
    public static DetectionSpec yolov2TinyMini() {
        return new DetectionSpec(160, 128, 3, false, NmsKind.DEFAULT, 0.6f, List.of(
                new Head(14, HeadKind.REGION, "region_15", 5, 4, 2, new float[] {
                        0.57273f, 0.677385f, 1.87446f, 2.06253f, 3.33843f, 5.47434f, 7.88282f, 3.52778f, 9.77052f, 9.16828f},
                        1.0f, false)));
    }
}
