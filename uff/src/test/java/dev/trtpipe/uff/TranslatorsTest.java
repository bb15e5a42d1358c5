package dev.trtpipe.uff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trtpipe.onnx.proto.Onnx.AttributeProto;
import dev.trtpipe.onnx.proto.Onnx.ModelProto;
import dev.trtpipe.onnx.proto.Onnx.NodeProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One tiny graph per translator, checked against the interpreter (numbers) or the ONNX it must write (plugins). */
class TranslatorsTest {

    private static UffGraphBuilder withInput(long... shape) {
        return new UffGraphBuilder().input("x", shape);
    }

    private static UffGraphBuilder conv(UffGraphBuilder b, long[] kernel, long groups, long[] strides, long[] pads, long[] dilation) {
        int n = (int) NaiveUffInterpreter.product(kernel);
        b.floats("k", kernel, TinyGraphs.noise(3, n));
        var node = b.node("conv", "Conv", "x", "k").ints("strides", strides).ints("dilation", dilation);
        if (pads != null) {
            node.ints("padding", pads);
        }
        if (groups != 1) {
            node.integer("number_groups", groups);
        }
        return node.add().markOutput("conv");
    }

    @Test
    void convolutionWithStridePadAndDilation() throws Exception {
        UffGraphBuilder b = conv(withInput(-1, 3, 9, 11), new long[] {3, 3, 3, 5}, 1, new long[] {2, 2}, new long[] {1, 1}, new long[] {1, 1});
        assertThat(TinyGraphs.agree(b.graph("conv"), "x", 1, 3, 9, 11).get("conv")).hasSize(5 * 5 * 6);
        UffGraphBuilder dilated = conv(withInput(-1, 3, 9, 11), new long[] {3, 3, 3, 4}, 1, new long[] {1, 1}, new long[] {2, 2}, new long[] {2, 2});
        TinyGraphs.agree(dilated.graph("dilated"), "x", 2, 3, 9, 11);
        UffGraphBuilder unpadded = conv(withInput(-1, 3, 8, 8), new long[] {1, 1, 3, 4}, 1, new long[] {2, 2}, null, new long[] {1, 1});
        assertThat(TinyGraphs.agree(unpadded.graph("1x1"), "x", 1, 3, 8, 8).get("conv")).hasSize(4 * 4 * 4);
    }

    @Test
    void groupedConvolution() throws Exception {
        UffGraphBuilder b = conv(withInput(-1, 4, 7, 7), new long[] {3, 3, 2, 6}, 2, new long[] {1, 1}, new long[] {1, 1}, new long[] {1, 1});
        TinyGraphs.agree(b.graph("grouped"), "x", 1, 4, 7, 7);
    }

    @Test
    void depthwiseKernelIsTheGroupedKernelOfOneChannelPerGroup() throws Exception {
        // TensorFlow's depthwise [kh, kw, C, multiplier] holds the same bytes as the grouped [kh, kw, 1, C·multiplier]
        UffGraphBuilder depthwise = conv(withInput(-1, 4, 6, 6), new long[] {3, 3, 4, 2}, 4, new long[] {1, 1}, new long[] {1, 1}, new long[] {1, 1});
        UffGraphBuilder grouped = conv(withInput(-1, 4, 6, 6), new long[] {3, 3, 1, 8}, 4, new long[] {1, 1}, new long[] {1, 1}, new long[] {1, 1});
        float[] x = TinyGraphs.noise(5, 4 * 36);
        var input = Map.of("x", new NaiveUffInterpreter.Tensor(new long[] {1, 4, 6, 6}, x));
        float[] expected = new NaiveUffInterpreter(grouped.graph("grouped")).run(input).get("conv").data();
        float[] actual = Ort.run(UffToOnnx.standard().translate(depthwise.graph("depthwise")).toBytes(), input).get("conv");
        assertThat(Ort.maxErrorRelativeToMax(actual, expected)).isLessThan(1e-5);
    }

    @Test
    void maxAndAveragePooling() throws Exception {
        UffGraphBuilder b = withInput(-1, 2, 9, 9);
        b.node("max", "Pool", "x").string("func", "max").ints("kernel", 3, 3).ints("strides", 2, 2).ints("padding", 1, 1).add();
        b.node("avg", "Pool", "x").string("func", "avg").ints("kernel", 2, 2).ints("strides", 2, 2).add();
        b.markOutput("max").markOutput("avg");
        Map<String, float[]> out = TinyGraphs.agree(b.graph("pool"), "x", 1, 2, 9, 9);
        assertThat(out.get("max")).hasSize(2 * 5 * 5);
        assertThat(out.get("avg")).hasSize(2 * 4 * 4);
    }

    @Test
    void binaryOpsBroadcastLikeNumpy() throws Exception {
        UffGraphBuilder b = withInput(-1, 3, 4, 5);
        b.floats("bias", new long[] {3, 1, 1}, 0.5f, -2f, 3f);
        for (String func : new String[] {"add", "sub", "mul", "div", "max", "min"}) {
            b.node(func, "Binary", "x", "bias").string("func", func).add().markOutput(func);
        }
        TinyGraphs.agree(b.graph("binary"), "x", 2, 3, 4, 5);
    }

    @Test
    void unaryAndActivationFunctions() throws Exception {
        UffGraphBuilder b = withInput(-1, 2, 3, 3);
        b.node("abs", "Unary", "x").string("func", "abs").add();
        b.node("shifted", "Binary", "abs", "one").string("func", "add").add();
        b.floats("one", new long[0], 1f);
        for (String func : new String[] {"rsqrt", "sqrt", "log", "exp", "neg", "square"}) {
            b.node("u_" + func, "Unary", "shifted").string("func", func).add().markOutput("u_" + func);
        }
        for (String func : new String[] {"relu", "relu6", "sigmoid", "tanh", "swish"}) {
            b.node("a_" + func, "Activation", "x").string("func", func).add().markOutput("a_" + func);
        }
        TinyGraphs.agree(b.graph("elementwise"), "x", 1, 2, 3, 3);
    }

    @Test
    void concatAndReshapeWithInt32ShapesKeepTheBatch() throws Exception {
        UffGraphBuilder b = withInput(-1, 2, 3, 4);
        b.node("relu", "Activation", "x").string("func", "relu").add();
        b.node("cat", "Concat", "x", "relu").integer("axis", 1).add();
        b.int32s("cat_shape", new long[] {2}, 1, 48);
        b.node("flat", "Reshape", "cat", "cat_shape").add().markOutput("flat");
        UffGraph graph = b.graph("concat");
        Map<String, float[]> out = TinyGraphs.agree(graph, "x", 3, 2, 3, 4);
        assertThat(out.get("flat")).hasSize(3 * 48); // batch 3 through a shape exported with batch 1
        ModelProto model = ModelProto.parseFrom(UffToOnnx.standard().translate(graph).toBytes());
        assertThat(model.getGraph().getOutput(0).getType().getTensorType().getShape().getDim(0).getDimParam()).isEqualTo("N");
    }

    @Test
    void nmsPluginBecomesItsExplicitBatchSuccessorWithTheFieldsAsAttributes() throws Exception {
        UffGraphBuilder b = withInput(-1, 3, 8, 8);
        b.node("NMS", "_NMS_TRT", "x", "x", "x").integer("keepTopK", 100).number("nmsThreshold", 0.5).ints("inputOrder", 0, 2, 1)
                .bool("shareLocation", true).string("codeType", "CENTER_SIZE").add();
        b.markOutput("NMS");
        UffToOnnx.Result result = UffToOnnx.standard().translate(b.graph("ssd"));
        NodeProto nms = ModelProto.parseFrom(result.toBytes()).getGraph().getNodeList().stream()
                .filter(n -> n.getName().equals("NMS")).findFirst().orElseThrow();
        assertThat(nms.getOpType()).isEqualTo("NMSDynamic_TRT");
        assertThat(nms.getOutputList()).containsExactly("NMS", "NMS:1");
        Map<String, AttributeProto> attrs = new java.util.HashMap<>();
        nms.getAttributeList().forEach(a -> attrs.put(a.getName(), a));
        assertThat(attrs.get("plugin_version").getS().toStringUtf8()).isEqualTo("1");
        assertThat(attrs.get("plugin_namespace").getS().toStringUtf8()).isEmpty();
        assertThat(attrs.get("keepTopK").getI()).isEqualTo(100);
        assertThat(attrs.get("nmsThreshold").getF()).isEqualTo(0.5f);
        assertThat(attrs.get("inputOrder").getIntsList()).containsExactly(0L, 2L, 1L);
        assertThat(attrs.get("shareLocation").getI()).isEqualTo(1);
        assertThat(attrs.get("codeType").getS().toStringUtf8()).isEqualTo("CENTER_SIZE");
        assertThat(result.notes()).anySatisfy(n -> assertThat(n).contains("NMS_TRT", "NMSDynamic_TRT"));
    }

    @Test
    void unknownOpFailsWithOneLineAndWritesNothing(@TempDir Path dir) throws Exception {
        UffGraphBuilder b = withInput(-1, 3, 4, 4);
        b.node("mystery/op", "Frobnicate", "x").add().markOutput("mystery/op");
        UffGraph graph = b.graph("model.uff");
        Path target = dir.resolve("out.onnx");
        assertThatThrownBy(() -> UffToOnnx.standard().translate(graph).write(target))
                .isInstanceOf(UnsupportedUffOpException.class)
                .hasMessageContaining("model.uff").hasMessageContaining("'mystery/op'").hasMessageContaining("'Frobnicate'")
                .hasMessageNotContaining("\n");
        assertThat(target).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
        assertThat(UffToOnnx.standard().plan(graph)).containsEntry("mystery/op", "UNSUPPORTED (Frobnicate)");
    }

    @Test
    void badGraphsAreRejectedWithTheNodeNamed() {
        UffGraphBuilder dangling = withInput(-1, 3, 4, 4);
        dangling.node("y", "Activation", "nowhere").string("func", "relu").add();
        assertThatThrownBy(() -> dangling.graph("g.uff")).isInstanceOf(UffFormatException.class)
                .hasMessageContaining("'y'").hasMessageContaining("'nowhere'");
        UffGraphBuilder wrongField = withInput(-1, 3, 4, 4);
        wrongField.node("p", "Pool", "x").string("func", "median").ints("kernel", 2, 2).add().markOutput("p");
        assertThatThrownBy(() -> UffToOnnx.standard().translate(wrongField.graph("g.uff"))).isInstanceOf(UffFormatException.class)
                .hasMessageContaining("'p'").hasMessageContaining("median");
        assertThatThrownBy(() -> UffGraph.read(new byte[] {8, 1, 0x22, 0x7f}, "cut.uff")).isInstanceOf(UffFormatException.class)
                .hasMessageContaining("cut.uff");
    }
}
