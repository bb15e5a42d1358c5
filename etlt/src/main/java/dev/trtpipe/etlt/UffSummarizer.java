package dev.trtpipe.etlt;

import dev.trtpipe.uff.proto.Uff.Data;
import dev.trtpipe.uff.proto.Uff.Graph;
import dev.trtpipe.uff.proto.Uff.MetaGraph;
import dev.trtpipe.uff.proto.Uff.Node;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Summarises a UFF {@code MetaGraph} (docs/etlt.md §5): the {@code Input} nodes with their shape and
 * dtype, the tensors marked by {@code MarkOutput} nodes, operations and plugins.
 */
public final class UffSummarizer {

    private static final String INPUT = "Input";
    private static final String MARK_OUTPUT = "MarkOutput";

    private UffSummarizer() {
    }

    public static ModelSummary summarize(MetaGraph meta) {
        List<Node> nodes = mainGraph(meta).getNodesList();
        List<TensorSummary> inputs = nodes.stream().filter(n -> n.getOperation().equals(INPUT)).map(UffSummarizer::input).toList();
        List<TensorSummary> outputs = nodes.stream().filter(n -> n.getOperation().equals(MARK_OUTPUT) && n.getInputsCount() == 1)
                .map(n -> TensorSummary.named(n.getInputs(0))).toList();
        List<String> plugins = nodes.stream().map(Node::getOperation).filter(TensorRtPlugins::isUffPlugin).distinct().sorted().toList();
        Set<String> tensorNames = nodes.stream().map(Node::getId).collect(Collectors.toSet());
        return new ModelSummary(PayloadKind.UFF, format(meta), inputs, outputs,
                OpCounter.count(nodes.stream().map(Node::getOperation)), plugins, tensorNames);
    }

    /** The graph called {@code main} (the only one TAO writes), else the first. */
    private static Graph mainGraph(MetaGraph meta) {
        return meta.getGraphsList().stream().filter(g -> g.getId().equals("main")).findFirst()
                .orElse(meta.getGraphsCount() > 0 ? meta.getGraphs(0) : Graph.getDefaultInstance());
    }

    private static String format(MetaGraph meta) {
        String descriptors = meta.getDescriptorsList().stream().map(d -> d.getId() + " " + d.getVersion())
                .collect(Collectors.joining(", "));
        return "UFF version " + meta.getVersion() + (descriptors.isEmpty() ? "" : " (" + descriptors + ")")
                + ", " + meta.getReferencedDataCount() + " referenced data entries";
    }

    private static TensorSummary input(Node node) {
        Data shape = node.getFieldsOrDefault("shape", Data.getDefaultInstance());
        Data dtype = node.getFieldsOrDefault("dtype", Data.getDefaultInstance());
        return new TensorSummary(node.getId(), dtypeName(dtype.getDtypeValue()), shape.getIList().getValList().stream().map(Dim::of).toList());
    }

    /** UFF dtypes are {@code (class << 16) | bits}: class 1 integer, 2 floating point (0x20020 = FLOAT32). */
    static String dtypeName(long code) {
        long kind = code >> 16;
        long bits = code & 0xffff;
        if (kind == 1) {
            return "INT" + bits;
        }
        if (kind == 2) {
            return "FLOAT" + bits;
        }
        return code == 0 ? "" : "dtype 0x" + Long.toHexString(code);
    }
}
