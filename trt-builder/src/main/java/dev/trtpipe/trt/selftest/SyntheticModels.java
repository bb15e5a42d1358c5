package dev.trtpipe.trt.selftest;

import com.google.protobuf.ByteString;
import dev.trtpipe.onnx.proto.Onnx;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;

/**
 * Small ONNX models for checking the TensorRT path without a converted YOLO: a Conv/Relu/MaxPool
 * network with seeded random weights (static or dynamic batch), a two-input model that is no image
 * detector, and a model TensorRT's parser must reject. Built with the ONNX protobuf classes; ONNX Runtime serves as the independent reference.
 */
public final class SyntheticModels {

    public static final String INPUT = "images";
    public static final String OUTPUT = "head";
    /** The node of {@link #unsupportedOperator()} that no ONNX importer knows. */
    public static final String BOGUS_NODE = "bogus_op";
    static final int SIDE = 64;

    private SyntheticModels() {
    }

    /**
     * {@code images[N,3,64,64] → Conv3x3(16)+Relu → MaxPool2 → Conv3x3(32)+Relu → MaxPool2 → Conv1x1(18) → head[N,18,16,16]}.
     *
     * @param batch the batch size, or -1 for a dynamic batch dimension named {@code batch}
     */
    public static byte[] convNet(long batch, long seed) {
        Random random = new Random(seed);
        Onnx.GraphProto.Builder g = Onnx.GraphProto.newBuilder().setName("synthetic_convnet");
        g.addInput(valueInfo(INPUT, batch, 3, SIDE, SIDE));
        g.addOutput(valueInfo(OUTPUT, batch, 18, SIDE / 4, SIDE / 4));
        conv(g, "conv1", INPUT, "c1", 3, 16, 3, random);
        g.addNode(node("Relu", "relu1", List.of("c1"), "r1"));
        g.addNode(maxPool("pool1", "r1", "p1"));
        conv(g, "conv2", "p1", "c2", 16, 32, 3, random);
        g.addNode(node("Relu", "relu2", List.of("c2"), "r2"));
        g.addNode(maxPool("pool2", "r2", "p2"));
        conv(g, "conv3", "p2", OUTPUT, 32, 18, 1, random);
        return model(g, "synthetic_convnet").toByteArray();
    }

    /** Names of {@link #twoInputs}' tensors. */
    public static final String FEATURES = "features";
    public static final String TOKEN_IDS = "token_ids";
    public static final String SCORES = "scores";
    public static final String POOLED = "pooled";
    public static final int FEATURE_SIZE = 16;
    public static final int TOKENS = 4;
    public static final int VOCABULARY = 10;
    public static final int CLASSES = 8;

    /**
     * A model that is not an image detector, as {@code check} and the self-test must handle: two inputs
     * of two element types, two outputs, a dynamic batch.
     * {@code pooled = mean over tokens of embedding[token_ids]} ({@code [N,16]}) and
     * {@code scores = tanh((features + pooled) · dense.weight + dense.bias) · outputScale} ({@code [N,8]}),
     * with {@code features[N,16]} float and {@code token_ids[N,4]} int64 in {@code 0..9}.
     *
     * @param outputScale 1 for the model itself; another value makes a candidate whose {@code scores} are
     *                    off by exactly that factor (for testing the comparison)
     */
    public static byte[] twoInputs(long seed, float outputScale) {
        Random random = new Random(seed);
        Onnx.GraphProto.Builder g = Onnx.GraphProto.newBuilder().setName("synthetic_two_inputs");
        g.addInput(valueInfo(FEATURES, Onnx.TensorProto.DataType.FLOAT, -1, FEATURE_SIZE));
        g.addInput(valueInfo(TOKEN_IDS, Onnx.TensorProto.DataType.INT64, -1, TOKENS));
        g.addOutput(valueInfo(SCORES, Onnx.TensorProto.DataType.FLOAT, -1, CLASSES));
        g.addOutput(valueInfo(POOLED, Onnx.TensorProto.DataType.FLOAT, -1, FEATURE_SIZE));
        g.addInitializer(tensor("embedding", new long[] {VOCABULARY, FEATURE_SIZE}, random, 1f));
        g.addInitializer(tensor("dense.weight", new long[] {FEATURE_SIZE, CLASSES}, random, 0.25f));
        g.addInitializer(tensor("dense.bias", new long[] {CLASSES}, random, 0.1f));
        g.addNode(node("Gather", "embed", List.of("embedding", TOKEN_IDS), "embedded")
                .addAttribute(Onnx.AttributeProto.newBuilder().setName("axis").setType(Onnx.AttributeProto.AttributeType.INT).setI(0)));
        g.addNode(node("ReduceMean", "pool", List.of("embedded"), POOLED).addAttribute(ints("axes", 1))
                .addAttribute(Onnx.AttributeProto.newBuilder().setName("keepdims").setType(Onnx.AttributeProto.AttributeType.INT).setI(0)));
        g.addNode(node("Add", "mix", List.of(FEATURES, POOLED), "mixed"));
        g.addNode(node("MatMul", "dense", List.of("mixed", "dense.weight"), "dense_out"));
        g.addNode(node("Add", "dense_bias", List.of("dense_out", "dense.bias"), "logits"));
        if (outputScale == 1f) {
            g.addNode(node("Tanh", "squash", List.of("logits"), SCORES));
        } else {
            g.addNode(node("Tanh", "squash", List.of("logits"), "squashed"));
            g.addInitializer(Onnx.TensorProto.newBuilder().setName("output_scale").setDataType(Onnx.TensorProto.DataType.FLOAT_VALUE)
                    .addFloatData(outputScale));
            g.addNode(node("Mul", "rescale", List.of("squashed", "output_scale"), SCORES));
        }
        return model(g, "synthetic_two_inputs").toByteArray();
    }

    /** {@code images → Relu → NoSuchOp}: TensorRT's parser must name node {@link #BOGUS_NODE}. */
    public static byte[] unsupportedOperator() {
        Onnx.GraphProto.Builder g = Onnx.GraphProto.newBuilder().setName("unsupported");
        g.addInput(valueInfo(INPUT, 1, 3, 8, 8));
        g.addOutput(valueInfo(OUTPUT, 1, 3, 8, 8));
        g.addNode(node("Relu", "relu", List.of(INPUT), "r"));
        g.addNode(node("NoSuchOp", BOGUS_NODE, List.of("r"), OUTPUT));
        return model(g, "unsupported").toByteArray();
    }

    private static Onnx.ModelProto model(Onnx.GraphProto.Builder graph, String name) {
        return Onnx.ModelProto.newBuilder()
                .setIrVersion(8)
                .setProducerName("trtpipe-selftest")
                .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
                .setGraph(graph)
                .addMetadataProps(Onnx.StringStringEntryProto.newBuilder().setKey("trtpipe.synthetic").setValue(name))
                .build();
    }

    private static void conv(Onnx.GraphProto.Builder g, String name, String in, String out, int cin, int cout, int k, Random random) {
        float std = (float) Math.sqrt(2.0 / (cin * k * k));
        g.addInitializer(tensor(name + ".weight", new long[] {cout, cin, k, k}, random, std));
        g.addInitializer(tensor(name + ".bias", new long[] {cout}, random, 0.1f));
        g.addNode(node("Conv", name, List.of(in, name + ".weight", name + ".bias"), out)
                .addAttribute(ints("kernel_shape", k, k))
                .addAttribute(ints("pads", k / 2, k / 2, k / 2, k / 2))
                .addAttribute(ints("strides", 1, 1)));
    }

    private static Onnx.NodeProto.Builder maxPool(String name, String in, String out) {
        return node("MaxPool", name, List.of(in), out)
                .addAttribute(ints("kernel_shape", 2, 2))
                .addAttribute(ints("strides", 2, 2));
    }

    private static Onnx.NodeProto.Builder node(String op, String name, List<String> inputs, String output) {
        return Onnx.NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(inputs).addOutput(output);
    }

    private static Onnx.AttributeProto ints(String name, long... values) {
        Onnx.AttributeProto.Builder a = Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    private static Onnx.TensorProto tensor(String name, long[] dims, Random random, float std) {
        int n = 1;
        for (long d : dims) {
            n *= (int) d;
        }
        ByteBuffer raw = ByteBuffer.allocate(n * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            raw.putFloat((float) random.nextGaussian() * std);
        }
        Onnx.TensorProto.Builder t = Onnx.TensorProto.newBuilder().setName(name)
                .setDataType(Onnx.TensorProto.DataType.FLOAT_VALUE).setRawData(ByteString.copyFrom(raw.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    /** A tensor of {@code type} with a dynamic first dimension when {@code dims[0]} is -1. */
    private static Onnx.ValueInfoProto valueInfo(String name, Onnx.TensorProto.DataType type, long... dims) {
        Onnx.TensorShapeProto.Builder shape = Onnx.TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(d < 0 ? Onnx.TensorShapeProto.Dimension.newBuilder().setDimParam("batch")
                    : Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return Onnx.ValueInfoProto.newBuilder().setName(name)
                .setType(Onnx.TypeProto.newBuilder().setTensorType(Onnx.TypeProto.Tensor.newBuilder()
                        .setElemType(type.getNumber()).setShape(shape)))
                .build();
    }

    private static Onnx.ValueInfoProto valueInfo(String name, long batch, long c, long h, long w) {
        Onnx.TensorShapeProto.Builder shape = Onnx.TensorShapeProto.newBuilder();
        shape.addDim(batch < 0 ? Onnx.TensorShapeProto.Dimension.newBuilder().setDimParam("batch")
                : Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(batch));
        for (long d : new long[] {c, h, w}) {
            shape.addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return Onnx.ValueInfoProto.newBuilder().setName(name)
                .setType(Onnx.TypeProto.newBuilder().setTensorType(Onnx.TypeProto.Tensor.newBuilder()
                        .setElemType(Onnx.TensorProto.DataType.FLOAT_VALUE).setShape(shape)))
                .build();
    }
}
