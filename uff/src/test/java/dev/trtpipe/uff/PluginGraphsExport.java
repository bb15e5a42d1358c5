package dev.trtpipe.uff;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Writes the TLT-shaped plugin graphs and their references for gpu/uff-plugins.sh, only when asked:
 * {@code mvn -pl uff -am test -Dtest=PluginGraphsExport -Dsurefire.failIfNoSpecifiedTests=false -Dtrtpipe.pluginGraphs=DIR}.
 * Per graph: {@code NAME.uff} and {@code NAME.onnx} (plugins). Per NMS graph of {@link PluginGraphReferences} also
 * {@code NAME-plain.onnx} (plain-ONNX NMS: the ONNX Runtime side of {@code trtpipe check}, which saves the engine's
 * outputs), its seeded inputs {@code NAME-INPUT.npy}, and the Java references {@code NAME-ref/OUTPUT.npy} (file names
 * as {@code check --save-outputs} writes them); {@code graphs.tsv} lists graph and inputs, {@code compare.tsv} graph,
 * output, file and comparison kind, {@code kept.tsv} the detections the references keep per image; per NMS graph
 * {@code NAME-ref/fp16-fragile.npy} lists the detections an fp16 engine may keep or drop unlike the reference
 * ({@link PluginGraphReferences.Case#fp16Fragile}).
 */
class PluginGraphsExport {

    @Test
    void export() throws Exception {
        String target = System.getProperty("trtpipe.pluginGraphs", "");
        assumeTrue(!target.isEmpty(), "set -Dtrtpipe.pluginGraphs=DIR to write the GPU check's files");
        Path dir = Files.createDirectories(Path.of(target));
        StringBuilder graphs = new StringBuilder();
        StringBuilder compare = new StringBuilder();
        StringBuilder kept = new StringBuilder();
        for (PluginGraphReferences.Case c : PluginGraphReferences.nms()) {
            write(dir, c.name(), c.graph(), true);
            references(dir, c, graphs, compare);
            kept.append(c.name()).append('\t').append(java.util.Arrays.toString(c.kept())).append('\n');
            npy(dir.resolve(c.name() + "-ref").resolve("fp16-fragile.npy"), new long[] {c.fp16Fragile().length / 7, 7}, c.fp16Fragile());
        }
        for (PluginGraphReferences.Case c : List.of(PluginGraphReferences.cropAndResize(), PluginGraphReferences.proposal())) {
            write(dir, c.name(), c.graph(), false);
            Files.write(dir.resolve(c.name() + "-plain.onnx"), outputSaverStub(c));
            references(dir, c, graphs, compare);
        }
        write(dir, "frcnn", TltPluginGraphs.fasterRcnn(), false);
        Files.writeString(dir.resolve("graphs.tsv"), graphs);
        Files.writeString(dir.resolve("compare.tsv"), compare);
        Files.writeString(dir.resolve("kept.tsv"), kept);
    }

    /** The case's inputs as NAME-INPUT.npy, its references as NAME-ref/OUTPUT.npy, and its lines of graphs.tsv and compare.tsv. */
    private static void references(Path dir, PluginGraphReferences.Case c, StringBuilder graphs, StringBuilder compare) throws IOException {
        StringBuilder inputs = new StringBuilder();
        for (var in : c.inputs().entrySet()) {
            String file = c.name() + "-" + in.getKey().toLowerCase(java.util.Locale.ROOT) + ".npy";
            npy(dir.resolve(file), in.getValue().shape(), in.getValue().data());
            inputs.append(inputs.length() == 0 ? "" : " ").append(in.getKey()).append('=').append(file);
        }
        graphs.append(c.name()).append('\t').append(inputs).append('\n');
        Path refs = Files.createDirectories(dir.resolve(c.name() + "-ref"));
        for (PluginGraphReferences.Expected e : c.expected()) {
            String file = e.output().replaceAll("[^A-Za-z0-9._-]", "_") + ".npy";
            npy(refs.resolve(file), e.shape(), e.values());
            compare.append(String.join("\t", c.name(), e.output(), file, e.kind().code())).append('\n');
        }
    }

    /**
     * A model with the case's inputs and outputs that gives zeros of the outputs' shapes: CropAndResize and Proposal
     * have no plain ONNX form, and {@code trtpipe check} needs an ONNX Runtime side to run the engine and save its outputs (its
     * own comparison rows are meaningless then; the Java reference rows count).
     */
    static byte[] outputSaverStub(PluginGraphReferences.Case c) {
        dev.trtpipe.onnx.OnnxGraph g = new dev.trtpipe.onnx.OnnxGraph(c.name() + "-stub", 13);
        String first = null;
        for (var in : c.inputs().entrySet()) {
            g.addInput(in.getKey(), in.getValue().shape(), true);
            first = first == null ? in.getKey() : first;
        }
        g.node("Shape", "stub/shape").inputs(first).output("stub/shape").add();
        g.node("Slice", "stub/batch").inputs("stub/shape", g.int64Constant(0), g.int64Constant(1)).output("stub/batch").add();
        for (PluginGraphReferences.Expected e : c.expected()) {
            long[] rest = java.util.Arrays.copyOfRange(e.shape(), 1, e.shape().length);
            String shape = e.output() + "/stub_shape";
            g.node("Concat", shape).inputs("stub/batch", g.int64Constant(rest)).attr("axis", 0L).output(shape).add();
            g.node("Expand", e.output()).inputs(g.floatConstant(0f), shape).output(e.output()).add();
            g.addOutput(e.output(), e.shape(), true);
        }
        return dev.trtpipe.onnx.OnnxModelWriter.toBytes(g, "stub");
    }

    private static void write(Path dir, String name, UffGraphBuilder builder, boolean plainToo) throws IOException {
        Files.write(dir.resolve(name + ".uff"), builder.build().toByteArray());
        UffGraph graph = builder.graph(name + ".uff");
        UffToOnnx.standard().translate(graph).write(dir.resolve(name + ".onnx"));
        if (plainToo) {
            UffToOnnx.standard().translate(graph, UffTranslationOptions.defaults().withPlainNms(true)).write(dir.resolve(name + "-plain.onnx"));
        }
    }

    /** A little-endian float32 .npy (format 1.0). */
    static void npy(Path file, long[] shape, float[] values) throws IOException {
        StringBuilder dims = new StringBuilder();
        for (long d : shape) {
            dims.append(d).append(", ");
        }
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims.toString().replaceAll(", $", shape.length == 1 ? "," : "")
                + "), }";
        int unpadded = 10 + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.US_ASCII));
        b.asFloatBuffer().put(values);
        Files.write(file, b.array());
    }
}
