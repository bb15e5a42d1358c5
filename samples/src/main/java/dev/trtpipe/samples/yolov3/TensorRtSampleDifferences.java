package dev.trtpipe.samples.yolov3;

import java.util.List;

/**
 * How TensorRT's own yolov3_onnx sample processes images and boxes, and what trtpipe does instead
 * (darknet-exact processing). From the sample's {@code data_processing.py} and
 * {@code onnx_to_tensorrt.py} (docs/peers.md §2).
 */
public final class TensorRtSampleDifferences {

    /** One line per difference: the sample's behaviour, then trtpipe's. */
    public static final List<String> LINES = List.of(
            "output names: the sample counts [net] as layer 000, so its 082/094/106_convolutional are darknet layers 81/93/105,"
                    + " named 081/093/105_convolutional here (darknet's own index)",
            "resize: the sample uses PIL bicubic to 608x608 with no letterbox; trtpipe uses darknet's own resize_image"
                    + " (or letterbox_image when the cfg sets letter_box=1), bit-exact with darknet",
            "threshold: the sample keeps one class per box with objectness x class >= 0.6; trtpipe keeps every class"
                    + " above darknet's 0.25, as darknet prints them",
            "NMS: the sample runs its own per-class NMS (IoU <= 0.5, +1 pixel in the intersection); trtpipe runs the"
                    + " cfg's darknet NMS (do_nms_sort, greedynms or diounms) at 0.45",
            "boxes: the sample reports [x, y, w, h] floats in image pixels; trtpipe reports darknet's integer"
                    + " left/top/right/bottom as draw_detections computes them",
            "precision: the sample builds fp32 engines only; here -t fp16 is available too",
            "with pjreddie's yolov3.weights the sample documents on dog.jpg: dog 0.999, bicycle 0.999, truck 0.938");

    private TensorRtSampleDifferences() {
    }
}
