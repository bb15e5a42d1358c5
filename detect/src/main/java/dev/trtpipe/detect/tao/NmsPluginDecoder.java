package dev.trtpipe.detect.tao;

import java.util.ArrayList;
import java.util.List;

/**
 * The outputs of TensorRT's NMS plugins → candidates, as NVIDIA-AI-IOT/deepstream_tao_apps
 * ({@code post_processor/nvdsinfer_custombboxparser_tao.cpp}) parses them:
 * <ul>
 * <li>{@code NMS_TRT} (SSD, DSSD, RetinaNet; {@code NvDsInferParseCustomNMSTLT}): {@code [1, keepTopK, 7]}
 * rows {@code (image, label, confidence, xmin, ymin, xmax, ymax)} with coordinates relative to the input,
 * plus the keep count; corners are truncated to integer pixels, clipped to {@code [0, net − 1]}, and the
 * width is {@code x2 − x1 + 1};</li>
 * <li>{@code BatchedNMS_TRT} / {@code BatchedNMSDynamic_TRT} / {@code EfficientNMS_TRT} with normalised boxes
 * (YOLOv3/v4; {@code NvDsInferParseCustomBatchedNMSTLT}): num_detections, boxes {@code [keepTopK, 4]}
 * as x1, y1, x2, y2, scores, classes; corners clipped to {@code [0, net − 1]}, width {@code x2 − x1},
 * inverted boxes dropped.</li>
 * </ul>
 * Both drop classes beyond the configured number; the pre-cluster thresholds are applied afterwards, as
 * nvinfer does after any parser.
 */
public final class NmsPluginDecoder {

    private NmsPluginDecoder() {
    }

    /**
     * NMS_TRT's keep count as a number. TensorRT's NMS_TRT / NMSDynamic_TRT declare it FLOAT but their
     * gatherTopDetections kernel atomically adds int32 ones into it ("use kFLOAT instead as they have same
     * sizeof(type)", nmsPlugin.cpp), so an engine's value is an int32 bit pattern: 3 reads as the float 4.2e-45. A
     * whole number (the plain-ONNX NMS, ONNX Runtime) is taken as it is; anything else by its bits, as DeepStream's
     * parser does ({@code *(int *) buffer}).
     */
    public static int keepCount(float value) {
        return value == Math.rint(value) ? (int) value : Float.floatToRawIntBits(value);
    }

    /** {@code NMS_TRT}: {@code detections} holds keepTopK rows of 7 from {@code offset}. */
    public static List<NetBox> nmsTrt(float[] detections, int offset, int keepTopK, int keepCount, int classes,
                                      int netW, int netH) {
        List<NetBox> out = new ArrayList<>();
        int n = Math.min(Math.max(keepCount, 0), keepTopK);
        for (int i = 0; i < n; i++) {
            int d = offset + i * 7;
            int classId = (int) detections[d + 1];
            if (classId < 0 || classId >= classes) {
                continue;
            }
            // the parser stores the products in unsigned ints: truncation toward zero
            int x1 = clip((int) (detections[d + 3] * netW), netW);
            int y1 = clip((int) (detections[d + 4] * netH), netH);
            int x2 = clip((int) (detections[d + 5] * netW), netW);
            int y2 = clip((int) (detections[d + 6] * netH), netH);
            out.add(new NetBox(classId, x1, y1, x2 - x1 + 1, y2 - y1 + 1, detections[d + 2]));
        }
        return out;
    }

    /** BatchedNMS / EfficientNMS: {@code boxes} holds keepTopK × 4 from {@code boxOffset}, the others keepTopK. */
    public static List<NetBox> batched(int keepCount, float[] boxes, int boxOffset, float[] scores, float[] classIds,
                                       int offset, int keepTopK, int classes, int netW, int netH) {
        List<NetBox> out = new ArrayList<>();
        int n = Math.min(Math.max(keepCount, 0), keepTopK);
        for (int i = 0; i < n; i++) {
            int classId = (int) classIds[offset + i];
            int b = boxOffset + 4 * i;
            if (classId < 0 || classId >= classes || boxes[b + 2] < boxes[b] || boxes[b + 3] < boxes[b + 1]) {
                continue;
            }
            float left = clip(boxes[b] * netW, netW);
            float top = clip(boxes[b + 1] * netH, netH);
            float width = clip(boxes[b + 2] * netW, netW) - left;
            float height = clip(boxes[b + 3] * netH, netH) - top;
            if (width < 0 || height < 0) {
                continue;
            }
            out.add(new NetBox(classId, left, top, width, height, scores[offset + i]));
        }
        return out;
    }

    private static int clip(int v, int size) {
        return Math.max(0, Math.min(v, size - 1));
    }

    private static float clip(float v, int size) {
        return Math.max(0f, Math.min(v, size - 1f));
    }
}
