package dev.trtpipe.cli;

import dev.trtpipe.etlt.EtltFile;
import dev.trtpipe.etlt.EtltKey;
import dev.trtpipe.etlt.EtltHeader;
import dev.trtpipe.etlt.ModelInspector;
import dev.trtpipe.etlt.ModelSummary;
import dev.trtpipe.etlt.PayloadKind;
import dev.trtpipe.etlt.Plaintext;
import dev.trtpipe.etlt.TaoConverterArgs;
import dev.trtpipe.etlt.TaoConverterHints;
import dev.trtpipe.etlt.TensorRtPlugins;
import dev.trtpipe.etlt.TensorSummary;
import dev.trtpipe.etlt.UffPayload;
import dev.trtpipe.etlt.UffSummarizer;
import dev.trtpipe.uff.UffGraph;
import dev.trtpipe.uff.UffNode;
import dev.trtpipe.uff.UffToOnnx;
import dev.trtpipe.uff.UffTranslators;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * {@code trtpipe inspect-etlt -k KEY model.etlt}: what is inside, read from the ONNX or UFF graph without
 * TensorRT; for UFF also how each op and plugin node will be translated to ONNX. Takes a bare {@code .uff} too.
 */
final class InspectEtltCommand implements Command {

    @Override
    public String name() {
        return "inspect-etlt";
    }

    @Override
    public String summary() {
        return "show a TAO .etlt's payload: inputs, outputs, opset or UFF version, ops, plugins";
    }

    @Override
    public Options options() {
        return new Options().addOption(EtltCliSupport.keyOption());
    }

    @Override
    public String positionalUsage() {
        return "model.etlt";
    }

    @Override
    public int run(CommandLine line, Console console) throws Exception {
        Path input = EtltCliSupport.singleFile(line, "model.etlt");
        if (UffPayload.isBareUff(input)) {
            UffGraph graph = UffPayload.readBare(input);
            ModelSummary model = UffSummarizer.summarize(graph.proto());
            console.out().printf("file:     %s (%d bytes, bare UFF)%n", input, Files.size(input));
            printModel(console.out(), input, model);
            printUffTranslation(console.out(), graph);
            return ExitCode.OK;
        }
        EtltKey key = EtltCliSupport.key(line);
        EtltFile etlt = EtltFile.read(input);
        ModelSummary model;
        long payloadBytes;
        UffGraph graph = null;
        try (Plaintext plain = etlt.decrypt(key)) {
            plain.headerMismatch().ifPresent(console::warn);
            payloadBytes = plain.size();
            if (plain.kind() == PayloadKind.UFF) {
                graph = UffPayload.read(plain);
                model = UffSummarizer.summarize(graph.proto());
            } else {
                model = ModelInspector.inspect(plain);
            }
        }
        print(console.out(), input, etlt.header(), payloadBytes, model);
        if (graph != null) {
            printUffTranslation(console.out(), graph);
        }
        return ExitCode.OK;
    }

    /** How each UFF op (and func) and each plugin node will be translated, and the successor notes. */
    private static void printUffTranslation(PrintStream out, UffGraph graph) {
        UffToOnnx translator = UffToOnnx.standard();
        out.println("uff → onnx:");
        translator.opSummary(graph).forEach((op, onnx) -> out.printf("  %-22s → %s%n", op, onnx));
        List<UffNode> plugins = graph.nodes().stream().filter(n -> UffTranslators.isPlugin(n.operation())).toList();
        Map<String, String> plan = translator.plan(graph);
        for (UffNode p : plugins) {
            out.printf("plugin:   %s (%s) → %s%n", p.id(), p.operation(), plan.get(p.id()));
        }
    }

    private static void print(PrintStream out, Path input, EtltHeader header, long payloadBytes, ModelSummary model) throws IOException {
        out.printf("file:     %s (%d bytes)%n", input, Files.size(input));
        out.printf("header:   %s, nonce %s%n", header.inputName().isEmpty() ? "no input name (ONNX)"
                : "input name " + header.inputName() + " (UFF)", header.nonceHex());
        out.printf("payload:  %s, %d bytes%n", model.kind(), payloadBytes);
        printModel(out, input, model);
    }

    private static void printModel(PrintStream out, Path input, ModelSummary model) {
        out.printf("format:   %s%n", model.format());
        printTensors(out, "inputs:", model.inputs());
        printTensors(out, "outputs:", model.outputs());
        out.printf("ops:      %d nodes: %s%n", model.nodeCount(), model.opCounts().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
        out.printf("plugins:  %s%n", model.plugins().isEmpty() ? "none" : model.plugins().stream()
                .map(p -> TensorRtPlugins.removedInTensorRt11(p) ? p + " (not in TensorRT 11)" : p).collect(Collectors.joining(", ")));
        out.printf("build:    %s%n", buildHint(input, model));
    }

    private static void printTensors(PrintStream out, String label, List<TensorSummary> tensors) {
        if (tensors.isEmpty()) {
            out.printf("%-9s (none declared)%n", label);
        }
        for (int i = 0; i < tensors.size(); i++) {
            TensorSummary t = tensors.get(i);
            out.printf("%-9s %s%n", i == 0 ? label : "", t.hasType() ? t.name() + " " + t.dtype() + " " + t.shapeText() : t.name());
        }
    }

    private static String buildHint(Path input, ModelSummary model) {
        if (model.kind() == PayloadKind.UFF) {
            // TensorRT 9+ has no UFF parser: trtpipe translates the graph to ONNX first (etlt2onnx shows the result)
            return "trtpipe tao-convert -k KEY" + TaoConverterHints.uffFlags(model).map(f -> " " + f).orElse("")
                    + " -m 16 " + input + " (translated to ONNX; TensorRT 9+ has no UFF parser)";
        }
        String profiles = model.inputs().stream().filter(t -> !t.isFullyStatic())
                .map(t -> "-p " + TaoConverterHints.profile(t, TaoConverterArgs.DEFAULT_MAX_BATCH, Optional.empty()))
                .collect(Collectors.joining(" "));
        return "trtpipe tao-convert -k KEY " + (profiles.isEmpty() ? "" : profiles + " ") + input;
    }
}
