package dev.trtpipe.detect.tao;

import java.util.ArrayList;
import java.util.List;

/**
 * DetectNet_v2's grid outputs → candidates, exactly as DeepStream's built-in parser
 * ({@code DetectPostprocessor::parseBoundingBox} in {@code nvdsinfer_context_impl_output_parsing.cpp};
 * the same arithmetic as {@code NvDsInferParseCustomResnet} in NVIDIA-AI-IOT/deepstream_tao_apps
 * {@code post_processor/nvdsinfer_custombboxparser_tao.cpp}):
 * <ul>
 * <li>coverage {@code [C, gridH, gridW]}, bbox {@code [4·C, gridH, gridW]} (x1, y1, x2, y2 planes per class);</li>
 * <li>stride = ⌈net size / grid size⌉, cell centre {@code (i·stride + 0.5) / 35}, with the bbox
 * normalisation 35: {@code x1 = (o_x1 − cx)·−35}, {@code x2 = (o_x2 + cx)·35} (likewise y), in float;</li>
 * <li>cells with coverage ≥ the class's pre-cluster-threshold; corners clipped to {@code [0, net − 1]},
 * boxes whose clipped corners cross are dropped.</li>
 * </ul>
 */
public final class DetectNetV2Decoder {

    /** DetectNet_v2's bbox normalisation ({@code bboxNorm}). */
    public static final float BBOX_NORM = 35.0f;
    /** The offset of a cell's centre ({@code gcCenters = i·stride + 0.5}). */
    public static final float CENTRE_OFFSET = 0.5f;

    private DetectNetV2Decoder() {
    }

    /**
     * @param cov        coverage of one image, {@code covClasses × gridH × gridW}, from {@code covOffset}
     * @param bbox       bbox of one image, {@code 4·covClasses × gridH × gridW}, from {@code bboxOffset}
     * @param classes    classes to parse: nvinfer takes min(coverage channels, num-detected-classes)
     * @param thresholds pre-cluster threshold per class
     */
    public static List<NetBox> decode(float[] cov, int covOffset, float[] bbox, int bboxOffset, int classes,
                                      int gridH, int gridW, int netW, int netH, float[] thresholds) {
        int gridSize = gridW * gridH;
        int strideX = (netW + gridW - 1) / gridW; // DIVIDE_AND_ROUND_UP
        int strideY = (netH + gridH - 1) / gridH;
        float[] centresX = new float[gridW];
        float[] centresY = new float[gridH];
        for (int i = 0; i < gridW; i++) {
            centresX[i] = (float) (i * strideX + 0.5) / BBOX_NORM;
        }
        for (int i = 0; i < gridH; i++) {
            centresY[i] = (float) (i * strideY + 0.5) / BBOX_NORM;
        }
        List<NetBox> out = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            int x1 = bboxOffset + c * 4 * gridSize;
            int y1 = x1 + gridSize;
            int x2 = y1 + gridSize;
            int y2 = x2 + gridSize;
            for (int h = 0; h < gridH; h++) {
                for (int w = 0; w < gridW; w++) {
                    int i = w + h * gridW;
                    float confidence = cov[covOffset + c * gridSize + i];
                    if (confidence < thresholds[c]) {
                        continue;
                    }
                    float left = clip((bbox[x1 + i] - centresX[w]) * -BBOX_NORM, netW);
                    float top = clip((bbox[y1 + i] - centresY[h]) * -BBOX_NORM, netH);
                    float right = clip((bbox[x2 + i] + centresX[w]) * BBOX_NORM, netW);
                    float bottom = clip((bbox[y2 + i] + centresY[h]) * BBOX_NORM, netH);
                    if (right - left < 0 || bottom - top < 0) { // "Prevent underflows"
                        continue;
                    }
                    out.add(new NetBox(c, left, top, right - left, bottom - top, confidence));
                }
            }
        }
        return out;
    }

    /** parseBoundingBox's clip: ≥ size → size − 1, < 0 → 0. */
    private static float clip(float v, int size) {
        if (v >= size) {
            return size - 1;
        }
        return v < 0 ? 0 : v;
    }
}
