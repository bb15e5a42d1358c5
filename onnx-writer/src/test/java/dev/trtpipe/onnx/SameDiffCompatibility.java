package dev.trtpipe.onnx;

import com.google.protobuf.ByteString;
import dev.trtpipe.onnx.proto.Onnx.AttributeProto;
import dev.trtpipe.onnx.proto.Onnx.GraphProto;
import dev.trtpipe.onnx.proto.Onnx.ModelProto;
import dev.trtpipe.onnx.proto.Onnx.NodeProto;
import dev.trtpipe.onnx.proto.Onnx.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Works around a DL4J M2.1 import bug for the second-runtime test: SameDiff applies a MaxPool's end
 * padding on both sides (a 2×2/2 pool with pads [0,0,1,1] turns 16 rows into 9, ONNX Runtime gives 8),
 * and its {@code Pad} import fails. So each MaxPool with pads gets them as edge replication built from
 * {@code Slice} + {@code Concat} — identical for a max, since every window that covers padding also
 * covers the edge row/column it replicates — and zero pads. Nothing else in the graph changes.
 */
final class SameDiffCompatibility {

    private SameDiffCompatibility() {
    }

    static ModelProto withUnpaddedMaxPools(ModelProto model) {
        GraphProto.Builder g = model.getGraph().toBuilder().clearNode();
        g.addInitializer(int64("compat/first", 0)).addInitializer(int64("compat/second", 1))
                .addInitializer(int64("compat/last", -1)).addInitializer(int64("compat/end", Long.MAX_VALUE))
                .addInitializer(int64("compat/axis_h", 2)).addInitializer(int64("compat/axis_w", 3));
        for (NodeProto node : model.getGraph().getNodeList()) {
            AttributeProto pads = node.getOpType().equals("MaxPool") ? attribute(node, "pads") : null;
            if (pads == null || pads.getIntsList().stream().allMatch(p -> p == 0)) {
                g.addNode(node);
                continue;
            }
            String x = node.getInput(0);
            x = edgePad(g, node.getName() + "/h", x, "compat/axis_h", 2, pads.getInts(0), pads.getInts(2));
            x = edgePad(g, node.getName() + "/w", x, "compat/axis_w", 3, pads.getInts(1), pads.getInts(3));
            NodeProto.Builder pool = node.toBuilder().setInput(0, x).clearAttribute();
            for (AttributeProto a : node.getAttributeList()) {
                pool.addAttribute(a.getName().equals("pads") ? a.toBuilder().clearInts().addAllInts(List.of(0L, 0L, 0L, 0L)) : a.toBuilder());
            }
            g.addNode(pool);
        }
        return model.toBuilder().setGraph(g).build();
    }

    private static String edgePad(GraphProto.Builder g, String name, String x, String axis, int axisIndex, long begin, long end) {
        if (begin == 0 && end == 0) {
            return x;
        }
        NodeProto.Builder concat = NodeProto.newBuilder().setOpType("Concat").setName(name + "/concat").addOutput(name + "/padded")
                .addAttribute(AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT).setI(axisIndex));
        if (begin > 0) {
            g.addNode(slice(name + "/first", x, "compat/first", "compat/second", axis));
        }
        if (end > 0) {
            g.addNode(slice(name + "/last", x, "compat/last", "compat/end", axis));
        }
        for (int i = 0; i < begin; i++) {
            concat.addInput(name + "/first");
        }
        concat.addInput(x);
        for (int i = 0; i < end; i++) {
            concat.addInput(name + "/last");
        }
        g.addNode(concat);
        return name + "/padded";
    }

    private static NodeProto slice(String name, String x, String start, String stop, String axis) {
        return NodeProto.newBuilder().setOpType("Slice").setName(name).addInput(x).addInput(start).addInput(stop)
                .addInput(axis).addOutput(name).build();
    }

    private static AttributeProto attribute(NodeProto node, String name) {
        return node.getAttributeList().stream().filter(a -> a.getName().equals(name)).findFirst().orElse(null);
    }

    private static TensorProto int64(String name, long... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE).addDims(values.length)
                .setRawData(ByteString.copyFrom(b.array())).build();
    }
}
