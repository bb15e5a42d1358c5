package dev.trtpipe.etlt;

import dev.trtpipe.onnx.OnnxModelInfo;
import dev.trtpipe.onnx.proto.Onnx.GraphProto;
import dev.trtpipe.onnx.proto.Onnx.ModelProto;
import dev.trtpipe.onnx.proto.Onnx.NodeProto;
import dev.trtpipe.onnx.proto.Onnx.OperatorSetIdProto;
import dev.trtpipe.onnx.proto.Onnx.TensorProto;
import dev.trtpipe.onnx.proto.Onnx.TensorShapeProto;
import dev.trtpipe.onnx.proto.Onnx.ValueInfoProto;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Summarises an ONNX model's top-level graph (subgraphs of If/Loop are not descended into). */
public final class OnnxSummarizer {

    private OnnxSummarizer() {
    }

    public static ModelSummary summarize(ModelProto model) {
        GraphProto graph = model.getGraph();
        // TensorSummary keeps symbolic dimension names (N, height) for inspect-etlt, which TensorInfo's -1 does not
        List<TensorSummary> inputs = OnnxModelInfo.graphInputs(graph).stream().map(OnnxSummarizer::tensor).toList();
        List<TensorSummary> outputs = graph.getOutputList().stream().map(OnnxSummarizer::tensor).toList();

        Set<String> tensorNames = new HashSet<>();
        inputs.forEach(t -> tensorNames.add(t.name()));
        for (NodeProto node : graph.getNodeList()) {
            tensorNames.addAll(node.getOutputList());
        }
        List<String> plugins = graph.getNodeList().stream().filter(n -> TensorRtPlugins.isOnnxPlugin(n.getDomain(), n.getOpType()))
                .map(NodeProto::getOpType).distinct().sorted().toList();
        return new ModelSummary(PayloadKind.ONNX, format(model, graph), inputs, outputs,
                OpCounter.count(graph.getNodeList().stream().map(OnnxSummarizer::opName)), plugins, tensorNames);
    }

    private static String opName(NodeProto node) {
        boolean standard = node.getDomain().isEmpty() || node.getDomain().equals("ai.onnx");
        return standard ? node.getOpType() : node.getDomain() + ":" + node.getOpType();
    }

    private static String format(ModelProto model, GraphProto graph) {
        String opsets = model.getOpsetImportList().stream().map(OnnxSummarizer::opset).collect(Collectors.joining(", "));
        String producer = (model.getProducerName() + " " + model.getProducerVersion()).strip();
        return "ONNX IR " + model.getIrVersion() + ", " + (opsets.isEmpty() ? "no opset" : opsets)
                + (producer.isEmpty() ? "" : ", producer " + producer) + ", " + graph.getInitializerCount() + " initializers";
    }

    private static String opset(OperatorSetIdProto opset) {
        boolean standard = opset.getDomain().isEmpty() || opset.getDomain().equals("ai.onnx");
        return (standard ? "opset " : opset.getDomain() + " opset ") + opset.getVersion();
    }

    private static TensorSummary tensor(ValueInfoProto value) {
        if (!value.getType().hasTensorType()) {
            return TensorSummary.named(value.getName());
        }
        var type = value.getType().getTensorType();
        TensorProto.DataType dtype = TensorProto.DataType.forNumber(type.getElemType());
        List<Dim> shape = type.getShape().getDimList().stream().map(OnnxSummarizer::dim).toList();
        return new TensorSummary(value.getName(), dtype == null ? "type " + type.getElemType() : dtype.name(), shape);
    }

    private static Dim dim(TensorShapeProto.Dimension d) {
        return switch (d.getValueCase()) {
            case DIM_VALUE -> Dim.of(d.getDimValue());
            case DIM_PARAM -> Dim.symbolic(d.getDimParam());
            case VALUE_NOT_SET -> Dim.symbolic("?");
        };
    }
}
