package dev.trtpipe.uff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trtpipe.onnx.proto.Onnx.ModelProto;
import dev.trtpipe.onnx.proto.Onnx.NodeProto;
import dev.trtpipe.onnx.proto.Onnx.TensorProto;
import dev.trtpipe.onnx.proto.Onnx.TypeProto;
import dev.trtpipe.onnx.proto.Onnx.ValueInfoProto;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * NMSDynamic_TRT reads one prior set per image (its enqueue passes {@code isBatchAgnostic = false}, so decodeBBoxes
 * indexes priors at {@code (n * 2 * P + p) * 4}): the plugin-mode SSD must hand it the priors once per image. The
 * graph is cut just before the plugin (ONNX Runtime has no NMSDynamic_TRT) and the tensor it would read is run.
 */
class NmsDynamicPriorsTest {

    @Test
    void anInputOrderThatIsNoPermutationIsRefusedNamingTheNode() {
        UffGraphBuilder b = new UffGraphBuilder().input("x", -1, 8, 1, 1);
        b.node("NMS", "_NMS_TRT", "x", "x", "x").ints("inputOrder", 0, 0, 1).integer("numClasses", 2).add().markOutput("NMS");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> UffToOnnx.standard().translate(b.graph("ssd.uff")))
                .hasMessageContaining("'NMS'").hasMessageContaining("[0, 0, 1]").hasMessageContaining("permutation");
    }

    @Test
    void thePluginReadsTheGridAnchorPriorsOncePerImage() throws Exception {
        ModelProto m = ModelProto.parseFrom(UffToOnnx.standard().translate(TltPluginGraphs.ssd().graph("ssd.uff")).toBytes());
        NodeProto nms = TltPluginGraphsTest.node(m, "NMS");
        String perImage = nms.getInput(1); // inputOrder 0, 2, 1: the priors are the plugin's second input
        ModelProto cut = m.toBuilder().setGraph(m.getGraph().toBuilder()
                .removeNode(m.getGraph().getNodeList().indexOf(nms)).clearOutput()
                .addOutput(ValueInfoProto.newBuilder().setName(perImage).setType(TypeProto.newBuilder()
                        .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE))))).build();
        int batch = 3;
        float[] out = Ort.run(cut.toByteArray(), Map.of("Input",
                new NaiveUffInterpreter.Tensor(new long[] {batch, 3, 300, 300}, new float[batch * 3 * 300 * 300]))).get(perImage);
        float[][] layers = GridAnchors.generate(0.2f, 0.95f, TltPluginGraphs.ASPECT_RATIOS, new long[] {10, 5},
                new float[] {0.1f, 0.1f, 0.2f, 0.2f}, 2, false);
        int a = layers[0].length / 2, b = layers[1].length / 2;
        // concat on the prior axis of [1, 2, n*4, 1]: corners of both layers, then variances of both layers
        float[] priors = new float[2 * (a + b)];
        System.arraycopy(layers[0], 0, priors, 0, a);
        System.arraycopy(layers[1], 0, priors, a, b);
        System.arraycopy(layers[0], a, priors, a + b, a);
        System.arraycopy(layers[1], b, priors, 2 * a + b, b);
        assertThat(out).hasSize(batch * priors.length);
        for (int n = 0; n < batch; n++) {
            assertThat(Arrays.copyOfRange(out, n * priors.length, (n + 1) * priors.length)).as("priors of image %d", n).containsExactly(priors);
        }
    }
}
