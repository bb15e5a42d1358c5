package dev.trtpipe.uff;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.trtpipe.uff.proto.Uff.Data;
import dev.trtpipe.uff.proto.Uff.DataType;
import dev.trtpipe.uff.proto.Uff.DimensionOrders;
import dev.trtpipe.uff.proto.Uff.Graph;
import dev.trtpipe.uff.proto.Uff.ListBool;
import dev.trtpipe.uff.proto.Uff.ListDataType;
import dev.trtpipe.uff.proto.Uff.ListDimensionOrders;
import dev.trtpipe.uff.proto.Uff.ListDouble;
import dev.trtpipe.uff.proto.Uff.ListInt64;
import dev.trtpipe.uff.proto.Uff.ListString;
import dev.trtpipe.uff.proto.Uff.MetaGraph;
import dev.trtpipe.uff.proto.Uff.Node;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link UffWireReader} against protobuf-java's generated parser, the reference for what a UFF graph's bytes
 * mean: the same nodes, inputs and field values, and the same verdict on corrupt bytes.
 */
class UffWireReaderTest {

    @Test
    void readsUsaPrunedAsProtobufJavaDoes() throws Exception {
        byte[] bytes = SharedUff.usaPrunedPlaintext();
        assertSameAsProtobufJava(bytes);
        assertThat(UffWireReader.read(bytes).nodes()).hasSize(MetaGraph.parseFrom(bytes).getGraphs(0).getNodesCount());
    }

    @Test
    void readsEveryKindOfFieldValueAsProtobufJavaDoes() throws Exception {
        assertSameAsProtobufJava(everyDataKind().toByteArray());
        for (UffGraphBuilder plugins : List.of(TltPluginGraphs.ssd(), TltPluginGraphs.yolov3(), TltPluginGraphs.fasterRcnn())) {
            assertSameAsProtobufJava(plugins.build().toByteArray());
        }
    }

    /**
     * A constant's values are a slice of the bytes read, not a copy of them (a copy of every weight cost a
     * sixth of the translation time): a change in those bytes shows in the constant.
     */
    @Test
    void constantsAliasTheBytesTheGraphWasReadFrom() throws Exception {
        float[] values = {1.5f, -2.25f, 3.125f, 0.5f};
        byte[] bytes = new UffGraphBuilder().input("x", -1, 4).floats("w", new long[] {4}, values)
                .node("y", "Binary", "x", "w").string("func", "mul").add().markOutput("y").build().toByteArray();
        UffGraph graph = UffGraph.read(bytes, "aliasing");
        ByteString raw = graph.constant("w").orElseThrow().raw();
        byte[] before = raw.toByteArray();
        int at = indexOf(bytes, before);
        assertThat(at).isPositive();
        bytes[at] ^= 0x7f;
        assertThat(raw.byteAt(0)).isEqualTo((byte) (before[0] ^ 0x7f));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    /** Random byte flips, insertions and truncations: rejected exactly when protobuf-java rejects them, else read alike. */
    @Test
    void rejectsCorruptBytesExactlyWhenProtobufJavaDoes() throws Exception {
        byte[] valid = everyDataKind().toByteArray();
        Random random = new Random(11);
        int rejected = 0;
        for (int trial = 0; trial < 3000; trial++) {
            byte[] bytes = mutate(valid, random);
            boolean protobufRejects = false;
            try {
                MetaGraph.parseFrom(bytes);
            } catch (InvalidProtocolBufferException e) {
                protobufRejects = true;
            }
            if (protobufRejects) {
                rejected++;
                byte[] corrupt = bytes;
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> UffWireReader.read(corrupt))
                        .as("trial %d: %s", trial, Arrays.toString(bytes)).isInstanceOf(InvalidProtocolBufferException.class);
            } else {
                assertSameAsProtobufJava(bytes);
            }
        }
        assertThat(rejected).as("the mutations exercise both verdicts").isBetween(100, 2950);
    }

    private static byte[] mutate(byte[] valid, Random random) {
        byte[] bytes = valid.clone();
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && bytes.length > 0; e++) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(3)) {
                case 0 -> bytes[at] = (byte) random.nextInt(256);
                case 1 -> {
                    byte[] longer = new byte[bytes.length + 1];
                    System.arraycopy(bytes, 0, longer, 0, at);
                    longer[at] = (byte) random.nextInt(256);
                    System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
                    bytes = longer;
                }
                default -> bytes = Arrays.copyOf(bytes, at);
            }
        }
        return bytes;
    }

    /** The main graph's nodes, their field values and the referenced data equal protobuf-java's. */
    private static void assertSameAsProtobufJava(byte[] bytes) throws Exception {
        MetaGraph meta = MetaGraph.parseFrom(bytes);
        UffWireReader.Parsed parsed = UffWireReader.read(bytes);
        Graph main = meta.getGraphsList().stream().filter(g -> g.getId().equals("main")).findFirst()
                .orElse(meta.getGraphsCount() > 0 ? meta.getGraphs(0) : Graph.getDefaultInstance());
        assertThat(parsed.nodes()).hasSize(main.getNodesCount());
        for (int i = 0; i < main.getNodesCount(); i++) {
            Node expected = main.getNodes(i);
            UffWireReader.WireNode actual = parsed.nodes().get(i);
            assertThat(actual.id).isEqualTo(expected.getId());
            assertThat(actual.operation).isEqualTo(expected.getOperation());
            assertThat(actual.inputs).isEqualTo(expected.getInputsList());
            Map<String, Data> fields = new HashMap<>();
            for (int f = 0; f < actual.keys.size(); f++) {
                fields.put(actual.keys.get(f), actual.values.get(f));
            }
            assertThat(fields).isEqualTo(expected.getFieldsMap());
        }
        assertThat(parsed.referenced()).isEqualTo(meta.getReferencedDataMap());
    }

    /** A graph with a field of every {@code Data} kind, inline and referenced, and extra fields at every level. */
    private static MetaGraph everyDataKind() {
        Map<String, Data> values = Map.ofEntries(
                Map.entry("s", Data.newBuilder().setS("same").build()),
                Map.entry("s_list", Data.newBuilder().setSList(ListString.newBuilder().addVal("a").addVal("bé")).build()),
                Map.entry("d", Data.newBuilder().setD(0.25).build()),
                Map.entry("d_list", Data.newBuilder().setDList(ListDouble.newBuilder().addVal(1.5).addVal(-2)).build()),
                Map.entry("b", Data.newBuilder().setB(true).build()),
                Map.entry("b_list", Data.newBuilder().setBList(ListBool.newBuilder().addVal(true).addVal(false)).build()),
                Map.entry("i", Data.newBuilder().setI(-7).build()),
                Map.entry("i_list", Data.newBuilder().setIList(ListInt64.newBuilder().addVal(300).addVal(-1)).build()),
                Map.entry("blob", Data.newBuilder().setBlob(ByteString.copyFrom(new byte[] {1, 2, 3, 4})).build()),
                Map.entry("ref", Data.newBuilder().setRef("weights").build()),
                Map.entry("dtype", Data.newBuilder().setDtype(DataType.DT_FLOAT32).build()),
                Map.entry("dtype_list", Data.newBuilder().setDtypeList(ListDataType.newBuilder().addVal(DataType.DT_INT32)).build()),
                Map.entry("dim_orders", Data.newBuilder().setDimOrders(orders()).build()),
                Map.entry("dim_orders_list", Data.newBuilder().setDimOrdersList(ListDimensionOrders.newBuilder().addVal(orders())).build()));
        Data extra = Data.newBuilder().setS("extra").build();
        return MetaGraph.newBuilder().setVersion(1).setDescriptorCoreVersion(1)
                .addDescriptors(dev.trtpipe.uff.proto.Uff.Descriptor.newBuilder().setId("tensorflow_extension").setVersion(1))
                .putReferencedData("weights", Data.newBuilder().setBlob(ByteString.copyFrom(new byte[] {0, 0, -128, 63})).build())
                .putExtraFields("meta", extra)
                .addGraphs(Graph.newBuilder().setId("main").putExtraFields("graph", extra)
                        .addNodes(Node.newBuilder().setId("x").setOperation("Input").putAllFields(values).putExtraFields("node", extra))
                        .addNodes(Node.newBuilder().setId("y").setOperation("Unary").addInputs("x").addInputs("x:0")
                                .putFields("func", Data.newBuilder().setS("sqrt").build())))
                .build();
    }

    private static DimensionOrders orders() {
        return DimensionOrders.newBuilder().putOrders(0, ListInt64.newBuilder().addVal(2).addVal(1).build()).build();
    }
}
