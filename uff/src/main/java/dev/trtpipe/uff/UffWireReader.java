package dev.trtpipe.uff;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.ExtensionRegistryLite;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.UnsafeByteOperations;
import com.google.protobuf.WireFormat;
import dev.trtpipe.uff.proto.Uff.Data;
import dev.trtpipe.uff.proto.Uff.Descriptor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a serialized UFF {@code MetaGraph} (src/main/proto/uff.proto) at the wire level, in one pass and
 * without copies: the graphs' nodes become small objects (id, inputs, operation, fields) instead of
 * protobuf-java's generic message tree (node builders, map entries, immutable maps), and only the field
 * values themselves are parsed by protobuf-java, as {@code Data} messages from the same stream, their
 * blobs aliasing the payload's bytes.
 *
 * <p>Everything else is read with the call protobuf-java's generated code uses for its type (they differ
 * in what they accept: {@code readInt64} takes varints that {@code skipField} rejects), unknown fields as
 * its unknown-field set reads them, map entries as its map parser does, with its nesting limit — so the
 * same bytes are rejected, as one message naming the file. As in protobuf-java, a known field number with
 * an unexpected wire type is an unknown field, a repeated map key keeps its last value, and a value given
 * twice in one map entry is the merge of both. UffWireReaderTest holds this against protobuf-java.
 */
final class UffWireReader {

    /** The main graph's nodes in file order, and the referenced data by key. */
    record Parsed(List<WireNode> nodes, Map<String, Data> referenced) {
    }

    /** One {@code Node}. */
    static final class WireNode {
        String id = "";
        String operation = "";
        final List<String> inputs = new ArrayList<>(2);
        /**
         * Field keys and values side by side: a node has a handful of fields, and comparing a few short
         * keys costs less than hashing every key of every node into a map.
         */
        final List<String> keys = new ArrayList<>(6);
        final List<Data> values = new ArrayList<>(6);

        /** The value of field {@code key}, or null. */
        Data field(String key) {
            int i = keys.indexOf(key);
            return i < 0 ? null : values.get(i);
        }

        /** As a protobuf map: a repeated key keeps its last value. */
        void put(String key, Data value) {
            int i = keys.indexOf(key);
            if (i < 0) {
                keys.add(key);
                values.add(value);
            } else {
                values.set(i, value);
            }
        }
    }

    private static final int VARINT = WireFormat.WIRETYPE_VARINT;
    private static final int LENGTH_DELIMITED = WireFormat.WIRETYPE_LENGTH_DELIMITED;
    /** protobuf-java's default nesting limit (CodedInputStream.setRecursionLimit). */
    private static final int RECURSION_LIMIT = 100;

    private final CodedInputStream in;
    private int depth;

    private UffWireReader(byte[] bytes) {
        // aliasing needs both: protobuf-java slices only a buffer it may treat as immutable, which
        // CodedInputStream.newInstance(byte[]) is not (there every blob was copied)
        this.in = UnsafeByteOperations.unsafeWrap(bytes).newCodedInput();
        in.enableAliasing(true); // blobs stay slices of the payload
        in.setSizeLimit(Integer.MAX_VALUE);
    }

    /** The main graph (the one with id {@code main}, else the first) of a serialized {@code MetaGraph}. */
    static Parsed read(byte[] bytes) throws InvalidProtocolBufferException {
        try {
            return new UffWireReader(bytes).metaGraph();
        } catch (InvalidProtocolBufferException e) {
            throw e;
        } catch (IOException e) { // a byte array never fails to read; only malformed data does
            throw new InvalidProtocolBufferException(e.getMessage());
        }
    }

    private Parsed metaGraph() throws IOException {
        List<WireNode> main = null;
        List<WireNode> first = null;
        Map<String, Data> referenced = new HashMap<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case 1 << 3 | VARINT, 2 << 3 | VARINT -> in.readInt64(); // version, descriptor_core_version
                case 3 << 3 | LENGTH_DELIMITED -> message(Descriptor.newBuilder());
                case 4 << 3 | LENGTH_DELIMITED -> {
                    int limit = enter();
                    WireGraph graph = graph();
                    leave(limit);
                    if (first == null) {
                        first = graph.nodes();
                    }
                    if (main == null && graph.id().equals("main")) {
                        main = graph.nodes();
                    }
                }
                case 5 << 3 | LENGTH_DELIMITED -> {
                    Map.Entry<String, Data> data = dataMapEntry();
                    referenced.put(data.getKey(), data.getValue());
                }
                case 100 << 3 | LENGTH_DELIMITED -> dataMapEntry(); // extra_fields: checked, not kept
                default -> unknown(tag);
            }
        }
        List<WireNode> nodes = main != null ? main : first;
        return new Parsed(nodes == null ? List.of() : nodes, referenced);
    }

    private record WireGraph(String id, List<WireNode> nodes) {
    }

    private WireGraph graph() throws IOException {
        String id = "";
        List<WireNode> nodes = new ArrayList<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case 1 << 3 | LENGTH_DELIMITED -> id = in.readStringRequireUtf8();
                case 2 << 3 | LENGTH_DELIMITED -> {
                    int limit = enter();
                    nodes.add(node());
                    leave(limit);
                }
                case 100 << 3 | LENGTH_DELIMITED -> dataMapEntry();
                default -> unknown(tag);
            }
        }
        return new WireGraph(id, nodes);
    }

    private WireNode node() throws IOException {
        WireNode node = new WireNode();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case 1 << 3 | LENGTH_DELIMITED -> node.id = in.readStringRequireUtf8();
                case 2 << 3 | LENGTH_DELIMITED -> node.inputs.add(in.readStringRequireUtf8());
                case 3 << 3 | LENGTH_DELIMITED -> node.operation = in.readStringRequireUtf8();
                case 4 << 3 | LENGTH_DELIMITED -> {
                    Map.Entry<String, Data> field = dataMapEntry();
                    node.put(field.getKey(), field.getValue());
                }
                case 100 << 3 | LENGTH_DELIMITED -> dataMapEntry();
                default -> unknown(tag);
            }
        }
        return node;
    }

    /** A {@code map<string, Data>} entry, read as protobuf-java's map parser reads one (MapEntryLite.parseEntry). */
    private Map.Entry<String, Data> dataMapEntry() throws IOException {
        int limit = enter();
        String key = "";
        Data.Builder value = null;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case 1 << 3 | LENGTH_DELIMITED -> key = in.readStringRequireUtf8();
                case 2 << 3 | LENGTH_DELIMITED -> {
                    if (value == null) {
                        value = Data.newBuilder();
                    }
                    message(value); // a second value merges into the first
                }
                default -> entrySkip(tag);
            }
        }
        leave(limit);
        return Map.entry(key, value != null ? value.buildPartial() : Data.getDefaultInstance());
    }

    /** A message protobuf-java parses from here, counting the levels this reader has entered towards its limit. */
    private void message(Message.Builder builder) throws IOException {
        in.setRecursionLimit(RECURSION_LIMIT - depth);
        in.readMessage(builder, ExtensionRegistryLite.getEmptyRegistry());
    }

    /** Enters a length-delimited message (length read here), as readMessage does: nesting limit, then the length as limit. */
    private int enter() throws IOException {
        return enter(in.readRawVarint32());
    }

    private int enter(int length) throws IOException {
        if (depth >= RECURSION_LIMIT) {
            throw new InvalidProtocolBufferException("UFF graph nested more than " + RECURSION_LIMIT + " levels deep");
        }
        int limit = in.pushLimit(length);
        depth++;
        return limit;
    }

    private void leave(int limit) {
        depth--;
        in.popLimit(limit);
    }

    /** An unknown field of a message, read as protobuf-java's unknown-field set reads it; throws at an unmatched end-group tag. */
    private void unknown(int tag) throws IOException {
        if (!unknownField(tag)) {
            throw new InvalidProtocolBufferException("Protocol message end-group tag did not match expected tag.");
        }
    }

    /** UnknownFieldSet.Builder.mergeFieldFrom: false at an end-group tag. */
    private boolean unknownField(int tag) throws IOException {
        switch (WireFormat.getTagWireType(tag)) {
            case VARINT -> in.readInt64();
            case WireFormat.WIRETYPE_FIXED64 -> in.readFixed64();
            case LENGTH_DELIMITED -> in.skipRawBytes(in.readRawVarint32());
            case WireFormat.WIRETYPE_START_GROUP -> {
                if (depth >= RECURSION_LIMIT) {
                    throw new InvalidProtocolBufferException("UFF graph nested more than " + RECURSION_LIMIT + " levels deep");
                }
                depth++;
                int t = in.readTag();
                while (t != 0 && unknownField(t)) {
                    t = in.readTag();
                }
                in.checkLastTagWas(WireFormat.getTagFieldNumber(tag) << 3 | WireFormat.WIRETYPE_END_GROUP);
                depth--;
            }
            case WireFormat.WIRETYPE_END_GROUP -> {
                return false;
            }
            case WireFormat.WIRETYPE_FIXED32 -> in.readFixed32();
            default -> throw new InvalidProtocolBufferException("Protocol message tag had invalid wire type.");
        }
        return true;
    }

    /** An unknown field of a map entry, skipped as the map parser skips it (skipField); an end-group tag ends the entry badly. */
    private void entrySkip(int tag) throws IOException {
        if (!in.skipField(tag)) {
            throw new InvalidProtocolBufferException("Protocol message end-group tag did not match expected tag.");
        }
    }
}
