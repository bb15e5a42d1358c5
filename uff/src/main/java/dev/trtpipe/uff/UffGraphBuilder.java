package dev.trtpipe.uff;

import com.google.protobuf.ByteString;
import dev.trtpipe.uff.proto.Uff.Data;
import dev.trtpipe.uff.proto.Uff.DataType;
import dev.trtpipe.uff.proto.Uff.Descriptor;
import dev.trtpipe.uff.proto.Uff.Graph;
import dev.trtpipe.uff.proto.Uff.ListDouble;
import dev.trtpipe.uff.proto.Uff.ListInt64;
import dev.trtpipe.uff.proto.Uff.MetaGraph;
import dev.trtpipe.uff.proto.Uff.Node;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Builds UFF graphs the way TLT's exporter writes them (weights as referenced data, fields as typed Data),
 * for tests and for test graphs shaped like TLT exports (plugin models):
 *
 * <pre>{@code
 * UffGraphBuilder b = new UffGraphBuilder();
 * b.input("Input", -1, 3, 300, 300);
 * b.floats("conv/kernel", new long[] {3, 3, 3, 8}, weights);
 * b.node("conv", "Conv", "Input", "conv/kernel").ints("strides", 1, 1).ints("padding", 1, 1).add();
 * b.node("NMS", "_NMS_TRT", "loc", "conf", "priors").ints("keepTopK", 100).number("nmsThreshold", 0.5).add();
 * b.markOutput("NMS");
 * UffGraph graph = b.graph("ssd-test");
 * }</pre>
 */
public final class UffGraphBuilder {

    private final MetaGraph.Builder meta = MetaGraph.newBuilder().setVersion(1).setDescriptorCoreVersion(1)
            .addDescriptors(Descriptor.newBuilder().setId("tensorflow_extension").setVersion(1));
    private final Graph.Builder graph = Graph.newBuilder().setId("main");
    private int outputs;

    /** An {@code Input} node; {@code -1} as the first dimension is the implicit batch. */
    public UffGraphBuilder input(String name, long... shape) {
        return node(name, UffGraph.INPUT).ints("shape", shape).dtype("dtype", DataType.DT_FLOAT32).add();
    }

    /** A FLOAT32 {@code Const} whose values are referenced data, as TLT writes weights. */
    public UffGraphBuilder floats(String name, long[] shape, float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return constant(name, shape, DataType.DT_FLOAT32, b.array());
    }

    /** An INT32 {@code Const} (TLT's Reshape shapes). */
    public UffGraphBuilder int32s(String name, long[] shape, int... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(values);
        return constant(name, shape, DataType.DT_INT32, b.array());
    }

    private UffGraphBuilder constant(String name, long[] shape, DataType dtype, byte[] bytes) {
        String ref = "weights_" + name;
        meta.putReferencedData(ref, Data.newBuilder().setBlob(ByteString.copyFrom(bytes)).build());
        return node(name, UffGraph.CONST).ints("shape", shape).dtype("dtype", dtype)
                .field("values", Data.newBuilder().setRef(ref).build()).add();
    }

    /** Marks {@code tensor} as output {@code MarkOutput_<n>}. */
    public UffGraphBuilder markOutput(String tensor) {
        return node("MarkOutput_" + outputs++, UffGraph.MARK_OUTPUT, tensor).add();
    }

    public NodeBuilder node(String id, String operation, String... inputs) {
        return new NodeBuilder(id, operation, inputs);
    }

    public MetaGraph build() {
        return meta.clone().addGraphs(graph.clone()).build();
    }

    public UffGraph graph(String origin) throws UffFormatException {
        return UffGraph.of(build(), origin);
    }

    /** One node; {@link #add()} appends it to the graph. */
    public final class NodeBuilder {
        private final Node.Builder node;

        private NodeBuilder(String id, String operation, String[] inputs) {
            node = Node.newBuilder().setId(id).setOperation(operation);
            for (String in : inputs) {
                node.addInputs(in);
            }
        }

        public NodeBuilder ints(String key, long... values) {
            ListInt64.Builder l = ListInt64.newBuilder();
            for (long v : values) {
                l.addVal(v);
            }
            return field(key, Data.newBuilder().setIList(l).build());
        }

        public NodeBuilder integer(String key, long value) {
            return field(key, Data.newBuilder().setI(value).build());
        }

        public NodeBuilder number(String key, double value) {
            return field(key, Data.newBuilder().setD(value).build());
        }

        public NodeBuilder numbers(String key, double... values) {
            ListDouble.Builder l = ListDouble.newBuilder();
            for (double v : values) {
                l.addVal(v);
            }
            return field(key, Data.newBuilder().setDList(l).build());
        }

        public NodeBuilder bool(String key, boolean value) {
            return field(key, Data.newBuilder().setB(value).build());
        }

        public NodeBuilder string(String key, String value) {
            return field(key, Data.newBuilder().setS(value).build());
        }

        public NodeBuilder dtype(String key, DataType dtype) {
            return field(key, Data.newBuilder().setDtype(dtype).build());
        }

        public NodeBuilder field(String key, Data value) {
            node.putFields(key, value);
            return this;
        }

        public UffGraphBuilder add() {
            graph.addNodes(node);
            return UffGraphBuilder.this;
        }
    }
}
