package dev.trtpipe.uff;

import dev.trtpipe.onnx.OnnxGraph;
import dev.trtpipe.onnx.OnnxModelWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Translates a {@link UffGraph} to ONNX (opset 13), node by node through {@link UffTranslators}. Tensor
 * names stay those of the UFF graph, so inputs and outputs keep their names ({@code input_1},
 * {@code output_cov/Sigmoid}, {@code NMS}); the input gets a symbolic batch {@code N}. Every op is looked
 * up before anything is built, so an unknown op fails at once with one line and nothing is written.
 */
public final class UffToOnnx {

    public static final int OPSET = 13;
    public static final String PRODUCER_VERSION = "uff-0.1";
    /** Metadata key saying where the model came from. */
    static final String SOURCE_KEY = "trtpipe.source";

    private final UffTranslators translators;

    public UffToOnnx(UffTranslators translators) {
        this.translators = translators;
    }

    public static UffToOnnx standard() {
        return new UffToOnnx(UffTranslators.standard());
    }

    /** The translated model and the notes (plugin successors) to show. */
    public record Result(OnnxGraph graph, List<String> notes) {
        public byte[] toBytes() {
            return OnnxModelWriter.toBytes(graph, PRODUCER_VERSION);
        }

        /** Writes atomically: a complete file or none. */
        public long write(Path target) throws IOException {
            return OnnxModelWriter.write(graph, PRODUCER_VERSION, target);
        }
    }

    public Result translate(UffGraph uff) throws IOException {
        return translate(uff, UffTranslationOptions.defaults());
    }

    public Result translate(UffGraph uff, UffTranslationOptions options) throws IOException {
        List<UffTranslator> byNode = translatorsFor(uff);
        for (String output : options.outputs()) {
            if (uff.node(output).isEmpty()) {
                throw new UffFormatException(uff.origin() + ": no UFF node produces '" + output + "'; the graph's outputs are "
                        + String.join(", ", uff.outputNames()));
            }
        }
        OnnxGraph onnx = new OnnxGraph(graphName(uff), OPSET);
        UffTranslation t = new UffTranslation(uff, onnx, options);
        for (int i = 0; i < byNode.size(); i++) {
            UffNode node = uff.nodes().get(i);
            try {
                byNode.get(i).translate(node, t);
            } catch (UffFormatRuntimeException e) {
                throw UffFormatException.of(e);
            } catch (IllegalStateException | IllegalArgumentException e) {
                throw new UffFormatException(uff.origin() + ": UFF node '" + node.id() + "' (" + node.operation()
                        + ") cannot be translated: " + e.getMessage());
            }
        }
        for (String output : options.outputs()) {
            MarkOutputTranslator.declare(t, output);
        }
        if (uff.outputNames().isEmpty() && options.outputs().isEmpty()) {
            throw new UffFormatException(uff.origin() + ": the UFF graph marks no outputs (no MarkOutput node)");
        }
        onnx.putMetadata(SOURCE_KEY, "UFF");
        return new Result(onnx, t.notes());
    }

    /** Per node (in execution order, constants left out): what it becomes. Unknown ops are listed, not thrown. */
    public Map<String, String> plan(UffGraph uff) {
        Map<String, String> plan = new LinkedHashMap<>();
        for (UffNode node : uff.nodes()) {
            if (node.operation().equals(UffGraph.CONST)) {
                continue;
            }
            plan.put(node.id(), translators.forOperation(node.operation()).map(tr -> describe(tr, node))
                    .orElse("UNSUPPORTED (" + node.operation() + ")"));
        }
        return plan;
    }

    /** Operation (and func) → what its nodes become, each distinct translation once, for a compact listing. */
    public Map<String, String> opSummary(UffGraph uff) {
        Map<String, java.util.Set<String>> summary = new LinkedHashMap<>();
        for (UffNode node : uff.nodes()) {
            String key = node.operation() + node.field("func").map(f -> " " + f.getS()).orElse("");
            summary.computeIfAbsent(key, k -> new java.util.LinkedHashSet<>()).add(translators.forOperation(node.operation())
                    .map(tr -> describe(tr, node)).orElse("UNSUPPORTED"));
        }
        Map<String, String> joined = new LinkedHashMap<>();
        summary.forEach((op, descriptions) -> joined.put(op, String.join("; ", descriptions)));
        return joined;
    }

    private static String describe(UffTranslator translator, UffNode node) {
        try {
            return translator.describe(node);
        } catch (UffFormatRuntimeException e) {
            return "INVALID: " + e.getMessage();
        }
    }

    /** Each node's translator, in node order; throws naming the first node whose op has none. */
    private List<UffTranslator> translatorsFor(UffGraph uff) throws UnsupportedUffOpException {
        List<UffNode> unknown = new ArrayList<>();
        List<UffTranslator> byNode = new ArrayList<>(uff.nodes().size());
        for (UffNode node : uff.nodes()) {
            Optional<UffTranslator> translator = translators.forOperation(node.operation());
            if (translator.isEmpty()) {
                unknown.add(node);
            }
            byNode.add(translator.orElse(null));
        }
        if (!unknown.isEmpty()) {
            UffNode first = unknown.get(0);
            String more = unknown.size() > 1 ? " (and " + (unknown.size() - 1) + " more unsupported nodes)" : "";
            throw new UnsupportedUffOpException(uff.origin(), first.id(), first.operation(),
                    "which trtpipe cannot translate to ONNX" + more);
        }
        return byNode;
    }

    private static String graphName(UffGraph uff) {
        String name = Path.of(uff.origin()).getFileName() == null ? "uff" : Path.of(uff.origin()).getFileName().toString();
        return name.isEmpty() ? "uff" : name;
    }
}
