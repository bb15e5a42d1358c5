package dev.trtpipe.uff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.trtpipe.onnx.proto.Onnx.ModelProto;
import dev.trtpipe.onnx.proto.Onnx.TensorProto;
import dev.trtpipe.onnx.proto.Onnx.ValueInfoProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What TensorRT 10.6's ONNX parser needs from the plugin translation (the first GPU run of gpu/uff-plugins.sh):
 * GridAnchor(Rect)_TRT as constant priors, BatchTilePlugin_TRT as plain ops, INT32 plugin outputs declared INT32.
 */
class TensorRt10PluginFixesTest {

    private static final float R2 = (float) Math.sqrt(2);

    @Test
    void ssdPriorsAreTheSameInitializersInPluginAndPlainModeAndNoGridAnchorPluginIsLeft() throws Exception {
        UffGraph ssd = TltPluginGraphs.ssd().graph("ssd.uff");
        ModelProto plugin = ModelProto.parseFrom(UffToOnnx.standard().translate(ssd).toBytes());
        ModelProto plain = ModelProto.parseFrom(UffToOnnx.standard().translate(ssd, UffTranslationOptions.defaults().withPlainNms(true)).toBytes());
        assertThat(plugin.getGraph().getNodeList()).noneMatch(n -> n.getOpType().startsWith("GridAnchor"));
        for (String layer : List.of("GridAnchor", "GridAnchor:1")) {
            assertThat(floats(initializer(plugin, layer))).containsExactly(floats(initializer(plain, layer)));
            assertThat(initializer(plugin, layer).getDimsList()).isEqualTo(initializer(plain, layer).getDimsList());
        }
        // 10x10 cells * 3 priors and 5x5 cells * 6 priors, 4 values each, as [1, 2, P*4, 1] (NMSDynamic_TRT's prior input)
        assertThat(initializerDims(plugin, "GridAnchor")).containsExactly(1L, 2L, 1200L, 1L);
        assertThat(initializerDims(plugin, "GridAnchor:1")).containsExactly(1L, 2L, 600L, 1L);
        assertThat(plugin.getGraph().getInitializerList()).noneMatch(i -> i.getName().equals("GridAnchor/Const"));
    }

    @Test
    void flattenConcatIsTheSameReshapeAndConcatInPluginAndPlainMode() throws Exception {
        UffGraph ssd = TltPluginGraphs.ssd().graph("ssd.uff");
        ModelProto plugin = ModelProto.parseFrom(UffToOnnx.standard().translate(ssd).toBytes());
        ModelProto plain = ModelProto.parseFrom(UffToOnnx.standard().translate(ssd, UffTranslationOptions.defaults().withPlainNms(true)).toBytes());
        assertThat(plugin.getGraph().getNodeList()).noneMatch(n -> n.getOpType().equals("FlattenConcat_TRT"));
        for (String name : List.of("concat_box_loc", "concat_box_conf")) {
            assertThat(subgraph(plugin, name)).as(name).isEqualTo(subgraph(plain, name)).hasSize(3); // two Reshapes, one Concat
        }
    }

    /** The nodes writing {@code name} and those named under it, as op type and inputs (the plain translation's exactness is PlainNmsTest's). */
    private static List<String> subgraph(ModelProto m, String name) {
        return m.getGraph().getNodeList().stream().filter(n -> n.getName().equals(name) || n.getName().startsWith(name + "/"))
                .map(n -> n.getOpType() + n.getInputList()).toList();
    }

    @Test
    void constantPriorsRunOnOnnxRuntimeWithTheHandWorkedFirstLayer() throws Exception {
        UffGraphBuilder b = new UffGraphBuilder().input("Input", -1, 3, 8, 8);
        b.floats("GridAnchor/Const", new long[] {1}, 1f);
        b.node("GridAnchor", "_GridAnchor_TRT", "GridAnchor/Const").integer("numLayers", 2).number("minSize", 0.2).number("maxSize", 0.9)
                .numbers("aspectRatios", 1.0, 2.0, 0.5).numbers("variance", 0.1, 0.1, 0.2, 0.2).ints("featureMapShapes", 1, 1).add();
        UffToOnnx.Result r = UffToOnnx.standard().translate(b.markOutput("GridAnchor").graph("anchors.uff"));
        float[] priors = Ort.run(r.toBytes(), Map.of("Input", new NaiveUffInterpreter.Tensor(new long[] {1, 3, 8, 8}, new float[192])))
                .get("GridAnchor");
        // one cell centred at (0.5, 0.5); widths 0.1, 0.2*sqrt2, 0.2/sqrt2; heights 0.1, 0.2/sqrt2, 0.2*sqrt2; then the variances
        assertThat(priors).containsExactly(new float[] {
                0.45f, 0.45f, 0.55f, 0.55f,
                0.5f - 0.1f * R2, 0.5f - 0.1f / R2, 0.5f + 0.1f * R2, 0.5f + 0.1f / R2,
                0.5f - 0.1f / R2, 0.5f - 0.1f * R2, 0.5f + 0.1f / R2, 0.5f + 0.1f * R2,
                0.1f, 0.1f, 0.2f, 0.2f, 0.1f, 0.1f, 0.2f, 0.2f, 0.1f, 0.1f, 0.2f, 0.2f}, within(1e-6f));
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("GridAnchor_TRT", "constant priors"));
    }

    @Test
    void batchTileCopiesTheConstantOncePerImageOnOnnxRuntime() throws Exception {
        float[] anchors = TinyGraphs.noise(301, 48);
        UffToOnnx.Result r = UffToOnnx.standard().translate(batchTile(new long[] {1, 12, 4}, anchors).graph("tile.uff"));
        ModelProto m = ModelProto.parseFrom(r.toBytes());
        assertThat(m.getGraph().getNodeList()).noneMatch(n -> n.getOpType().equals("BatchTilePlugin_TRT"));
        assertThat(output(m, "FirstDimTile_0").getType().getTensorType().getShape().getDim(0).hasDimParam()).isTrue();
        int batch = 3;
        float[] out = Ort.run(r.toBytes(), Map.of("Input", new NaiveUffInterpreter.Tensor(new long[] {batch, 3, 4, 4}, new float[batch * 48])))
                .get("FirstDimTile_0");
        assertThat(out).hasSize(batch * 48);
        for (int n = 0; n < batch; n++) {
            assertThat(java.util.Arrays.copyOfRange(out, n * 48, (n + 1) * 48)).as("image " + n).containsExactly(anchors);
        }
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("FirstDimTile_0", "BatchTilePlugin_TRT", "Expand"));
    }

    @Test
    void batchTileOfATensorWithoutALeadingOneNamesTheNode() {
        assertThatThrownBy(() -> UffToOnnx.standard().translate(batchTile(new long[] {2, 12, 2}, TinyGraphs.noise(1, 48)).graph("tile.uff")))
                .isInstanceOf(UffFormatException.class).hasMessageContaining("FirstDimTile_0").hasMessageContaining("first dimension is 1");
    }

    @Test
    void resizeNearestReadsInputPixelIntOfOutputOverScaleOnOnnxRuntime() throws Exception {
        for (double scale : new double[] {2.0, 1.5}) {
            UffGraphBuilder b = new UffGraphBuilder().input("x", -1, 2, 3, 2);
            b.node("upsample0", "_ResizeNearest_TRT", "x").number("scale", scale).add();
            UffToOnnx.Result r = UffToOnnx.standard().translate(b.markOutput("upsample0").graph("resize.uff"));
            int n = 2, c = 2, h = 3, w = 2, oh = (int) (h * scale), ow = (int) (w * scale);
            float[] x = TinyGraphs.noise(7, n * c * h * w);
            float[] out = Ort.run(r.toBytes(), Map.of("x", new NaiveUffInterpreter.Tensor(new long[] {n, c, h, w}, x))).get("upsample0");
            // the plugin's kernel: out[oy][ox] = in[int(oy / scale)][int(ox / scale)], per image and channel
            float[] expected = new float[n * c * oh * ow];
            for (int p = 0; p < n * c; p++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        expected[(p * oh + oy) * ow + ox] = x[(p * h + (int) (oy / scale)) * w + (int) (ox / scale)];
                    }
                }
            }
            assertThat(out).as("scale " + scale).containsExactly(expected);
            assertThat(ModelProto.parseFrom(r.toBytes()).getGraph().getNodeList()).noneMatch(node -> node.getOpType().equals("ResizeNearest_TRT"));
        }
    }

    @Test
    void thePlanInspectEtltPrintsNamesThePlainReplacements() throws Exception {
        Map<String, String> ssd = UffToOnnx.standard().plan(TltPluginGraphs.ssd().graph("ssd.uff"));
        assertThat(ssd.get("GridAnchor")).contains("constant priors", "GridAnchor_TRT");
        assertThat(ssd.get("concat_box_loc")).contains("Reshape", "Concat", "FlattenConcat_TRT");
        Map<String, String> yolo = UffToOnnx.standard().plan(TltPluginGraphs.yolov3().graph("yolo.uff"));
        assertThat(yolo.get("FirstDimTile_0")).contains("Expand", "BatchTilePlugin_TRT");
        assertThat(yolo.get("upsample0/ResizeNearestNeighbor")).contains("Resize nearest", "ResizeNearest_TRT");
        assertThat(yolo.get("BatchedNMS")).contains("BatchedNMSDynamic_TRT");
    }

    @Test
    void int32PluginOutputsAreDeclaredInt32AndTheRestFloat() throws Exception {
        ModelProto head = ModelProto.parseFrom(UffToOnnx.standard().translate(TltPluginGraphs.batchedNmsHead().graph("head.uff")).toBytes());
        assertThat(type(output(head, "BatchedNMS"))).isEqualTo(TensorProto.DataType.INT32_VALUE);
        for (String name : List.of("BatchedNMS:1", "BatchedNMS:2", "BatchedNMS:3")) {
            assertThat(type(output(head, name))).as(name).isEqualTo(TensorProto.DataType.FLOAT_VALUE);
        }
        UffToOnnx.Result ssd = UffToOnnx.standard().translate(TltPluginGraphs.ssd().graph("ssd.uff"));
        ModelProto m = ModelProto.parseFrom(ssd.toBytes());
        assertThat(type(output(m, "NMS"))).isEqualTo(TensorProto.DataType.FLOAT_VALUE);
        // NMSDynamic_TRT gives its keep count as float (TensorRT 10.6 said so when it was declared INT32)
        assertThat(type(output(m, "NMS:1"))).isEqualTo(TensorProto.DataType.FLOAT_VALUE);
        assertThat(ssd.notes()).noneSatisfy(n -> assertThat(n).contains("NMS:1", "INT32"));
    }

    @Test
    void plainModeKeepsFloatCountsForOnnxRuntime() throws Exception {
        ModelProto head = ModelProto.parseFrom(UffToOnnx.standard().translate(TltPluginGraphs.batchedNmsHead().graph("head.uff"),
                UffTranslationOptions.defaults().withPlainNms(true)).toBytes());
        assertThat(type(output(head, "BatchedNMS"))).isEqualTo(TensorProto.DataType.FLOAT_VALUE);
    }

    private static UffGraphBuilder batchTile(long[] shape, float[] values) {
        UffGraphBuilder b = new UffGraphBuilder().input("Input", -1, 3, 4, 4);
        b.floats("bg_anchor/Const", shape, values);
        b.node("FirstDimTile_0", "_BatchTilePlugin_TRT", "Input", "bg_anchor/Const").add();
        return b.markOutput("FirstDimTile_0");
    }

    static TensorProto initializer(ModelProto m, String name) {
        return m.getGraph().getInitializerList().stream().filter(i -> i.getName().equals(name)).findFirst().orElseThrow();
    }

    static List<Long> initializerDims(ModelProto m, String name) {
        return initializer(m, name).getDimsList();
    }

    private static float[] floats(TensorProto t) {
        if (t.getFloatDataCount() > 0) {
            float[] f = new float[t.getFloatDataCount()];
            for (int i = 0; i < f.length; i++) {
                f[i] = t.getFloatData(i);
            }
            return f;
        }
        ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        float[] f = new float[b.remaining() / 4];
        b.asFloatBuffer().get(f);
        return f;
    }

    private static ValueInfoProto output(ModelProto m, String name) {
        return m.getGraph().getOutputList().stream().filter(o -> o.getName().equals(name)).findFirst().orElseThrow();
    }

    private static int type(ValueInfoProto v) {
        return v.getType().getTensorType().getElemType();
    }
}
