package dev.trtpipe.uff;

import dev.trtpipe.onnx.OnnxGraph;
import dev.trtpipe.uff.proto.Uff.Data;
import java.util.Map;
import java.util.TreeMap;

/**
 * A TensorRT plugin node (UFF custom ops are {@code _}-prefixed, e.g. {@code _NMS_TRT}): an ONNX node whose
 * op_type is the plugin's creator name, with the UFF fields as attributes and {@code plugin_version} /
 * {@code plugin_namespace}, which TensorRT 10's ONNX parser hands to its plugin registry
 * (onnx-tensorrt's fallback plugin importer). Implicit-batch plugins that TensorRT 10 can only use with
 * an explicit batch through a successor (BatchedNMS_TRT → BatchedNMSDynamic_TRT, …) are written as the
 * successor, and a note says so.
 */
final class PluginTranslator implements UffTranslator {

    /** Implicit-batch plugin → its explicit-batch successor in TensorRT 10 (same fields). */
    static final Map<String, String> SUCCESSORS = Map.of(
            "BatchedNMS_TRT", "BatchedNMSDynamic_TRT",
            "NMS_TRT", "NMSDynamic_TRT",
            "CropAndResize", "CropAndResizeDynamic",
            "Proposal", "ProposalDynamic");

    /** Plugins with more than one output, and how many. */
    private static final Map<String, Integer> OUTPUTS = Map.of(
            "BatchedNMS_TRT", 4, "BatchedNMSDynamic_TRT", 4, "NMS_TRT", 2, "NMSDynamic_TRT", 2);

    /**
     * Outputs TensorRT's plugins give as INT32, by plugin (target name) and output index: BatchedNMSDynamic_TRT's
     * num_detections, EfficientNMS_TRT's num_detections and detection_classes (their getOutputDataType). Declared
     * FLOAT, TensorRT 10's ONNX parser stops with "output_tensor_ptr->getType() != kINT32 || output_trt_dtype ==
     * kINT32". NMSDynamic_TRT's keep count stays FLOAT: TensorRT 10.6 refused it declared INT32 ("Output tensor
     * NMS:1 has user-specified type Int32 but inferred type is Float").
     */
    static final Map<String, java.util.Set<Integer>> INT32_OUTPUTS = Map.of(
            "BatchedNMSDynamic_TRT", java.util.Set.of(0),
            "EfficientNMS_TRT", java.util.Set.of(0, 3));

    @Override
    public void translate(UffNode node, UffTranslation t) {
        translate(node, t, node.inputs().stream().map(t::tensor).toArray(String[]::new));
    }

    /** As {@link #translate(UffNode, UffTranslation)}, reading the ONNX tensors {@code inputs} (one per UFF input). */
    void translate(UffNode node, UffTranslation t, String[] inputs) {
        String plugin = pluginName(node);
        String target = SUCCESSORS.getOrDefault(plugin, plugin);
        if (!target.equals(plugin)) {
            t.note(node.id() + ": " + plugin + " is implicit-batch; written as its TensorRT 10 successor " + target);
        }
        int outputs = Math.max(OUTPUTS.getOrDefault(plugin, 1), consumedOutputs(node, t));
        String[] names = new String[outputs];
        names[0] = node.id();
        for (int i = 1; i < outputs; i++) {
            names[i] = node.id() + ":" + i;
        }
        emit(node, t, target, inputs, names);
        java.util.Set<Integer> int32 = INT32_OUTPUTS.getOrDefault(target, java.util.Set.of());
        for (int i = 0; i < names.length; i++) {
            t.define(names[i], null);
            if (int32.contains(i)) {
                t.defineType(names[i], dev.trtpipe.onnx.proto.Onnx.TensorProto.DataType.INT32);
            }
        }
        if (!int32.isEmpty()) {
            t.note(node.id() + ": " + target + " output(s) " + int32.stream().sorted().map(i -> i == 0 ? node.id() : node.id() + ":" + i)
                    .toList() + " declared INT32, as the plugin gives them");
        }
    }

    /** Writes the plugin node as ONNX op {@code target} reading {@code inputs}, with outputs {@code names} (callers define their shapes). */
    static void emit(UffNode node, UffTranslation t, String target, String[] inputs, String[] names) {
        OnnxGraph.Node onnx = t.onnx().node(target, node.id()).inputs(inputs).outputs(names)
                .attr("plugin_version", node.string("plugin_version", "1"))
                .attr("plugin_namespace", node.string("plugin_namespace", ""));
        new TreeMap<>(node.rawFields()).forEach((key, raw) -> {
            if (!key.equals("plugin_version") && !key.equals("plugin_namespace")) {
                attribute(onnx, key, node.field(key).orElse(raw), node);
            }
        });
        onnx.add();
    }

    static String pluginName(UffNode node) {
        String op = node.operation();
        return op.startsWith("_") ? op.substring(1) : op;
    }

    /** Outputs that other nodes read ({@code id:k}), so multi-output plugins expose all of them. */
    private static int consumedOutputs(UffNode node, UffTranslation t) {
        int max = 1;
        for (UffNode other : t.uff().nodes()) {
            for (String in : other.inputs()) {
                if (!in.equals(node.id()) && UffGraph.producer(in).equals(node.id())) {
                    max = Math.max(max, Integer.parseInt(in.substring(in.lastIndexOf(':') + 1)) + 1);
                }
            }
        }
        return max;
    }

    private static void attribute(OnnxGraph.Node onnx, String key, Data d, UffNode node) {
        switch (d.getDataOneofCase()) {
            case S -> onnx.attr(key, d.getS());
            case S_LIST -> onnx.strings(key, d.getSList().getValList().toArray(String[]::new));
            case D -> onnx.attr(key, (float) d.getD());
            case D_LIST -> {
                float[] f = new float[d.getDList().getValCount()];
                for (int i = 0; i < f.length; i++) {
                    f[i] = (float) d.getDList().getVal(i);
                }
                onnx.floats(key, f);
            }
            case B -> onnx.attr(key, d.getB() ? 1L : 0L);
            case B_LIST -> onnx.ints(key, d.getBList().getValList().stream().mapToLong(b -> b ? 1 : 0).toArray());
            case I -> onnx.attr(key, d.getI());
            case I_LIST -> onnx.ints(key, d.getIList().getValList().stream().mapToLong(Long::longValue).toArray());
            case DTYPE -> onnx.attr(key, (long) d.getDtypeValue());
            default -> throw node.problem("has plugin field '" + key + "' of kind " + d.getDataOneofCase()
                    + ", which has no ONNX attribute form");
        }
    }

    @Override
    public String describe(UffNode node) {
        String plugin = pluginName(node);
        String target = SUCCESSORS.get(plugin);
        return "TensorRT plugin " + (target == null ? plugin : target + " (successor of implicit-batch " + plugin + ")");
    }
}
