package dev.trtpipe.detect.testing;

import static dev.trtpipe.detect.testing.OnnxProtos.floats;
import static dev.trtpipe.detect.testing.OnnxProtos.ints;
import static dev.trtpipe.detect.testing.OnnxProtos.model;
import static dev.trtpipe.detect.testing.OnnxProtos.value;

import dev.trtpipe.darknet.DetectionSpec;
import dev.trtpipe.darknet.DetectionSpec.Head;
import dev.trtpipe.onnx.proto.Onnx.AttributeProto;
import dev.trtpipe.onnx.proto.Onnx.GraphProto;
import dev.trtpipe.onnx.proto.Onnx.NodeProto;
import dev.trtpipe.onnx.proto.Onnx.TensorProto;
import java.util.List;
import java.util.Map;

/** Tiny ONNX models built in memory with the generated protobuf classes, whose outputs are known by hand. */
public final class TinyOnnx {

    public static final int FLOAT = OnnxProtos.FLOAT;
    public static final int INT64 = TensorProto.DataType.INT64_VALUE;

    private TinyOnnx() {
    }

    /** {@code out = Identity(x)}; a {@code null} dim is symbolic ({@code N}). */
    public static byte[] identity(int elemType, Long[] shape, Map<String, String> metadata) {
        GraphProto graph = GraphProto.newBuilder().setName("identity")
                .addInput(value("x", elemType, shape))
                .addOutput(value("out", elemType, shape))
                .addNode(node("Identity", List.of("x"), "out"))
                .build();
        return model(graph, metadata);
    }

    /**
     * A 1x1 convolution, 3 → 2 channels, on a (1, 3, 2, 2) input: {@code out[o] = bias[o] + Σ_c w[o][c]·x[c]}.
     */
    public static byte[] conv1x1(float[] weights, float[] bias) {
        GraphProto graph = GraphProto.newBuilder().setName("conv")
                .addInput(value("x", FLOAT, 1L, 3L, 2L, 2L))
                .addOutput(value("y", FLOAT, 1L, 2L, 2L, 2L))
                .addInitializer(floats("w", weights, 2, 3, 1, 1))
                .addInitializer(floats("b", bias, 2))
                .addNode(node("Conv", List.of("x", "w", "b"), "y").toBuilder()
                        .addAttribute(ints("kernel_shape", 1, 1)).build())
                .build();
        return model(graph, Map.of());
    }

    /**
     * A "replay" detector: whatever the image, each head output is the given raw tensor (darknet's own
     * head-conv dump), computed as {@code head + 0·mean(x)} so the output depends on the input. The spec
     * goes into {@code metadata_props}, as the converter writes it.
     */
    public static byte[] headReplay(DetectionSpec spec, List<float[]> heads) {
        return headReplay(spec, heads, 0f);
    }

    /**
     * Like {@link #headReplay(DetectionSpec, List)} but every head value is shifted by
     * {@code inputGain · mean(x)}: with a non-zero gain each image gets its own detections, so a test can
     * tell whose input a result was computed from.
     */
    public static byte[] headReplay(DetectionSpec spec, List<float[]> heads, float inputGain) {
        GraphProto.Builder g = GraphProto.newBuilder().setName("head_replay")
                .addInput(value("images", FLOAT, null, 3L, (long) spec.inputHeight(), (long) spec.inputWidth()))
                .addInitializer(floats("gain", new float[] {inputGain}))
                .addNode(node("ReduceMean", List.of("images"), "mean").toBuilder()
                        .addAttribute(AttributeProto.newBuilder().setName("keepdims").setType(AttributeProto.AttributeType.INT).setI(1))
                        .build())
                .addNode(node("Mul", List.of("mean", "gain"), "shift"));
        for (int h = 0; h < heads.size(); h++) {
            Head head = spec.heads().get(h);
            String constant = "raw_" + head.outputName();
            g.addInitializer(floats(constant, heads.get(h), 1, head.channels(), head.gridHeight(), head.gridWidth()));
            g.addNode(node("Add", List.of(constant, "shift"), head.outputName()));
            g.addOutput(value(head.outputName(), FLOAT, null, (long) head.channels(), (long) head.gridHeight(), (long) head.gridWidth()));
        }
        return model(g.build(), spec.toMetadata());
    }

    private static NodeProto node(String op, List<String> inputs, String output) {
        return OnnxProtos.node(op, output + "_" + op, inputs, output).build();
    }
}
