package dev.trtpipe.uff;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * UFF operation → translator. {@link #standard()} covers the core ops TLT/TAO's UFF exporters emit and
 * the TensorRT plugins they use; {@link #with} adds or replaces one (tests, new plugins) without touching
 * the others. Any {@code _}-prefixed op or a known TAO plugin name falls back to the plugin translator.
 */
public final class UffTranslators {

    /** The plugin creators TLT/TAO UFF exports use (docs/etlt.md §7.1), with or without UFF's {@code _} prefix. */
    static final Set<String> KNOWN_PLUGINS = Set.of(
            "NMS_TRT", "BatchedNMS_TRT", "GridAnchor_TRT", "GridAnchorRect_TRT", "FlattenConcat_TRT", "BatchTilePlugin_TRT",
            "ResizeNearest_TRT", "Proposal", "CropAndResize", "MultilevelProposeROI_TRT", "MultilevelCropAndResize_TRT",
            "GenerateDetection_TRT", "SpecialSlice_TRT", "PriorBox_TRT", "Normalize_TRT", "Reorg_TRT", "Region_TRT",
            "Clip_TRT", "LReLU_TRT", "PyramidROIAlign_TRT", "DetectionLayer_TRT", "ProposalLayer_TRT");

    private final Map<String, UffTranslator> byOperation;
    private final UffTranslator plugin = new DetectionPlugins(new PluginTranslator());

    private UffTranslators(Map<String, UffTranslator> byOperation) {
        this.byOperation = Collections.unmodifiableMap(byOperation);
    }

    public static UffTranslators standard() {
        Map<String, UffTranslator> m = new LinkedHashMap<>();
        m.put(UffGraph.INPUT, new InputTranslator());
        m.put(UffGraph.CONST, new ConstTranslator());
        m.put(UffGraph.MARK_OUTPUT, new MarkOutputTranslator());
        m.put("Conv", new ConvTranslator());
        m.put("ConvTranspose", new ConvTransposeTranslator());
        m.put("Pool", new PoolTranslator());
        m.put("Binary", new BinaryTranslator());
        m.put("Unary", new UnaryTranslator());
        m.put("Activation", new ActivationTranslator());
        m.put("BatchNorm", new BatchNormTranslator());
        m.put("FullyConnected", new FullyConnectedTranslator());
        m.put("MatMul", new MatMulTranslator());
        m.put("Reshape", new ReshapeTranslator());
        m.put("Flatten", new FlattenTranslator());
        m.put("Transpose", new TransposeTranslator());
        m.put("Concat", new ConcatTranslator());
        m.put("Pad", new PadTranslator());
        m.put("Reduce", new ReduceTranslator());
        m.put("Squeeze", new SqueezeTranslator());
        m.put("ExpandDims", new ExpandDimsTranslator());
        m.put("StridedSlice", new StridedSliceTranslator());
        m.put("Identity", new IdentityTranslator());
        m.put("Softmax", new SoftmaxTranslator());
        m.put("Gather", new GatherTranslator());
        m.put("GatherV2", new GatherTranslator());
        m.put("Stack", new StackTranslator());
        return new UffTranslators(m);
    }

    /** A copy with {@code translator} registered for {@code operation} (replacing any earlier one). */
    public UffTranslators with(String operation, UffTranslator translator) {
        Map<String, UffTranslator> m = new LinkedHashMap<>(byOperation);
        m.put(operation, translator);
        return new UffTranslators(m);
    }

    /** The translator for {@code operation}; plugin ops get the plugin translator. */
    public Optional<UffTranslator> forOperation(String operation) {
        UffTranslator t = byOperation.get(operation);
        if (t != null) {
            return Optional.of(t);
        }
        return isPlugin(operation) ? Optional.of(plugin) : Optional.empty();
    }

    public static boolean isPlugin(String operation) {
        return operation.startsWith("_") || KNOWN_PLUGINS.contains(operation) || operation.endsWith("_TRT");
    }

    /** The registered core operations, in registration order. */
    public Set<String> operations() {
        return byOperation.keySet();
    }
}
