package dev.trtpipe.uff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trtpipe.onnx.proto.Onnx.AttributeProto;
import dev.trtpipe.onnx.proto.Onnx.ModelProto;
import dev.trtpipe.onnx.proto.Onnx.NodeProto;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * NVIDIA's own ONNX export of LPDNet (TAO 5, newer weights, possibly other pruned widths) against our
 * translation of the UFF one: the same convolutions, layer by layer, with the same kernels, strides,
 * dilations and explicit symmetric pads — the padding TLT meant, not TensorFlow's SAME.
 */
class Tao5OnnxStructureTest {

    @Test
    void convolutionGeometryMatchesNvidiasOnnxExport() throws Exception {
        ModelProto ours = ModelProto.parseFrom(UffToOnnx.standard().translate(SharedUff.usaPruned()).toBytes());
        ModelProto nvidia = ModelProto.parseFrom(Files.readAllBytes(SharedUff.SHARED.resolve("etlt/lpdnet_onnx/LPDNet_usa_pruned_tao5.onnx")));
        Map<String, String> expected = convGeometry(nvidia);
        Map<String, String> actual = convGeometry(ours);
        System.out.println("TAO 5 convolutions: " + expected.size() + ", ours: " + actual.size());
        assertThat(actual).hasSize(23).isEqualTo(expected);
        // tf2onnx appends ":0" to TensorFlow tensor names; we keep the UFF names (what DeepStream configs list)
        assertThat(nvidia.getGraph().getOutputList()).extracting(o -> o.getName().replaceFirst(":0$", ""))
                .containsExactlyInAnyOrderElementsOf(ours.getGraph().getOutputList().stream().map(o -> o.getName()).toList());
    }

    /** Layer name (the node name up to the first '/') → kernel, strides, dilations, pads, group. */
    private static Map<String, String> convGeometry(ModelProto model) {
        Map<String, String> geometry = new TreeMap<>();
        for (NodeProto n : model.getGraph().getNodeList()) {
            if (n.getOpType().equals("Conv")) {
                geometry.put(n.getName().split("/")[0], "kernel " + ints(n, "kernel_shape", List.of()) + " strides "
                        + ints(n, "strides", List.of(1L, 1L)) + " dilations " + ints(n, "dilations", List.of(1L, 1L))
                        + " pads " + ints(n, "pads", List.of(0L, 0L, 0L, 0L)) + " group " + ints(n, "group", List.of(1L)));
            }
        }
        return geometry;
    }

    private static List<Long> ints(NodeProto n, String name, List<Long> fallback) {
        for (AttributeProto a : n.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a.getType() == AttributeProto.AttributeType.INT ? List.of(a.getI()) : a.getIntsList();
            }
        }
        return fallback;
    }
}
