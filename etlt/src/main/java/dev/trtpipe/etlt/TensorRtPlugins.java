package dev.trtpipe.etlt;

import dev.trtpipe.uff.UffTranslators;
import java.util.Set;

/**
 * The TensorRT plugin operations TAO exporters emit (docs/etlt.md §7.1), and which of them TensorRT 11
 * no longer ships (§7.2).
 */
public final class TensorRtPlugins {

    private static final Set<String> KNOWN = Set.of(
            "BatchTilePlugin_TRT", "NMS_TRT", "NMSDynamic_TRT", "ResizeNearest_TRT", "Proposal", "ProposalDynamic",
            "CropAndResize", "CropAndResizeDynamic", "BatchedNMS_TRT", "BatchedNMSDynamic_TRT", "MultilevelProposeROI_TRT",
            "MultilevelCropAndResize_TRT", "GenerateDetection_TRT", "SpecialSlice_TRT", "EfficientNMS_TRT",
            "EfficientNMS_ONNX_TRT", "MultiscaleDeformableAttnPlugin_TRT", "VoxelGeneratorPlugin", "PillarScatterPlugin",
            "DecodeBbox3DPlugin");

    private static final Set<String> REMOVED_IN_TENSORRT_11 = Set.of(
            "BatchTilePlugin_TRT", "BatchedNMS_TRT", "BatchedNMSDynamic_TRT", "NMS_TRT", "NMSDynamic_TRT", "CropAndResize",
            "Proposal", "ProposalDynamic", "SpecialSlice_TRT", "EfficientNMS_ONNX_TRT");

    private TensorRtPlugins() {
    }

    /**
     * Whether an ONNX node needs a plugin: a known TAO plugin, a {@code _TRT}-suffixed op, or any op outside
     * the standard ONNX domains.
     */
    public static boolean isOnnxPlugin(String domain, String opType) {
        boolean standardDomain = domain.isEmpty() || domain.equals("ai.onnx");
        return !standardDomain || KNOWN.contains(opType) || opType.endsWith("_TRT");
    }

    /** Whether a UFF operation is a plugin: a known TAO plugin, or the UFF converter's {@code _}-prefixed custom op. */
    public static boolean isUffPlugin(String operation) {
        return UffTranslators.isPlugin(operation) || KNOWN.contains(operation); // the translator's rule decides what becomes a plugin node
    }

    /** True for plugins TensorRT 11 removed (TAO SSD/RetinaNet/FRCNN/YOLO graphs need them). */
    public static boolean removedInTensorRt11(String operation) {
        return REMOVED_IN_TENSORRT_11.contains(operation.startsWith("_") ? operation.substring(1) : operation);
    }
}
