package dev.trtpipe.uff;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a serialized UFF {@code MetaGraph} (src/main/proto/uff.proto) at the wire level, in one pass and
 * without copies: the graphs' nodes (id, inputs, operation, field keys) become small objects, while every
 * field value and every referenced-data entry stays where it is in the buffer as a {@link WireData} slice,
 * parsed into a {@code Data} message only when a translator asks for it. A 1 MB payload has a few
 * thousand such values, most of them weight blobs that are skipped over by their length.
 *
 * <p>Everything the slices are not parsed for is still checked as protobuf-java's parser checks it —
 * tags, wire types, lengths, UTF-8 of strings, the nested lists inside {@code Data} — so a corrupt file
 * fails here, as one message naming the file, and a slice handed out later always parses. As in
 * protobuf-java, a known field number with an unexpected wire type is an unknown field and skipped, a
 * repeated map key keeps its last value, and of a {@code Data}'s oneof the last field wins.
 */
final class UffWireReader {

    /** The main graph's nodes in file order, and the referenced data by key. */
    record Parsed(List<WireNode> nodes, Map<String, WireData> referenced) {
    }

    /** One {@code Node}: what the graph checks need as objects, the field values as slices. */
    static final class WireNode {
        String id = "";
        String operation = "";
        final List<String> inputs = new ArrayList<>(2);
        final Map<String, WireData> fields = new HashMap<>(8);
    }

    private static final int LENGTH_DELIMITED = WireFormat.WIRETYPE_LENGTH_DELIMITED;

    private final byte[] bytes;
    private final CodedInputStream in;

    private UffWireReader(byte[] bytes) {
        this.bytes = bytes;
        this.in = CodedInputStream.newInstance(bytes);
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
        Map<String, WireData> referenced = new HashMap<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case 4 << 3 | LENGTH_DELIMITED -> {
                    int limit = in.pushLimit(in.readRawVarint32());
                    String[] id = {""};
                    List<WireNode> nodes = graph(id);
                    in.popLimit(limit);
                    if (first == null) {
                        first = nodes;
                    }
                    if (main == null && id[0].equals("main")) {
                        main = nodes;
                    }
                }
                case 5 << 3 | LENGTH_DELIMITED -> dataMapEntry(referenced);
                case 100 << 3 | LENGTH_DELIMITED -> dataMapEntry(null);
                case 3 << 3 | LENGTH_DELIMITED -> nested(Schema.DESCRIPTOR);
                default -> skip(tag); // version and descriptor_core_version (varints) and unknown fields
            }
        }
        List<WireNode> nodes = main != null ? main : first;
        return new Parsed(nodes == null ? List.of() : nodes, referenced);
    }

    /** A {@code Graph}'s nodes; its id goes to {@code id[0]}. */
    private List<WireNode> graph(String[] id) throws IOException {
        List<WireNode> nodes = new ArrayList<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case 1 << 3 | LENGTH_DELIMITED -> id[0] = in.readStringRequireUtf8();
                case 2 << 3 | LENGTH_DELIMITED -> {
                    int limit = in.pushLimit(in.readRawVarint32());
                    nodes.add(node());
                    in.popLimit(limit);
                }
                case 100 << 3 | LENGTH_DELIMITED -> dataMapEntry(null);
                default -> skip(tag);
            }
        }
        return nodes;
    }

    private WireNode node() throws IOException {
        WireNode node = new WireNode();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case 1 << 3 | LENGTH_DELIMITED -> node.id = in.readStringRequireUtf8();
                case 2 << 3 | LENGTH_DELIMITED -> node.inputs.add(in.readStringRequireUtf8());
                case 3 << 3 | LENGTH_DELIMITED -> node.operation = in.readStringRequireUtf8();
                case 4 << 3 | LENGTH_DELIMITED -> dataMapEntry(node.fields);
                case 100 << 3 | LENGTH_DELIMITED -> dataMapEntry(null);
                default -> skip(tag);
            }
        }
        return node;
    }

    /** A {@code map<string, Data>} entry, kept in {@code into} (checked only when null). */
    private void dataMapEntry(Map<String, WireData> into) throws IOException {
        int limit = in.pushLimit(in.readRawVarint32());
        String key = "";
        WireData value = null;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case 1 << 3 | LENGTH_DELIMITED -> key = in.readStringRequireUtf8();
                case 2 << 3 | LENGTH_DELIMITED -> {
                    int length = in.readRawVarint32();
                    int offset = in.getTotalBytesRead();
                    int inner = in.pushLimit(length);
                    String ref = data();
                    in.popLimit(inner);
                    value = new WireData(bytes, offset, length, ref);
                }
                default -> skip(tag);
            }
        }
        in.popLimit(limit);
        if (into != null) {
            into.put(key, value != null ? value : WireData.EMPTY);
        }
    }

    /** Checks a {@code Data} message; returns its {@code ref} when that is the oneof's value. */
    private String data() throws IOException {
        String ref = null;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int field = WireFormat.getTagFieldNumber(tag);
            boolean member = WireFormat.getTagWireType(tag) == dataWireType(field);
            if (member && field == 100) {
                ref = in.readStringRequireUtf8();
                continue;
            }
            if (member && field == 1) {
                in.readStringRequireUtf8();
            } else if (member && Schema.dataList(field) != null) {
                nested(Schema.dataList(field));
            } else {
                skip(tag); // scalars and blobs by their wire type; unknown fields
            }
            if (member) {
                ref = null; // a later member of the oneof replaces the ref
            }
        }
        return ref;
    }

    /** The wire type of {@code Data}'s oneof member {@code field}; -1 for an unknown field. */
    private static int dataWireType(int field) {
        return switch (field) {
            case 1, 2, 4, 6, 8, 9, 100, 102, 103, 104 -> LENGTH_DELIMITED;
            case 3 -> WireFormat.WIRETYPE_FIXED64;
            case 5, 7, 101 -> WireFormat.WIRETYPE_VARINT;
            default -> -1;
        };
    }

    /** Skips one field, checking its wire format. */
    private void skip(int tag) throws IOException {
        if (!in.skipField(tag)) {
            throw new InvalidProtocolBufferException("an end-group tag without its start group");
        }
    }

    /** A length-delimited message of {@code schema}, checked and skipped. */
    private void nested(Schema schema) throws IOException {
        int limit = in.pushLimit(in.readRawVarint32());
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            schema.check(this, tag);
        }
        in.popLimit(limit);
    }

    /** The nested messages of the schema that are checked without being kept. */
    private enum Schema {
        DESCRIPTOR, LIST_STRING, LIST_DOUBLE, LIST_VARINT, DIMENSION_ORDERS, ORDERS_ENTRY, LIST_DIMENSION_ORDERS;

        /** The list message of {@code Data}'s oneof member {@code field}, or null for a scalar one. */
        static Schema dataList(int field) {
            return switch (field) {
                case 2 -> LIST_STRING;
                case 4 -> LIST_DOUBLE;
                case 6, 8, 102 -> LIST_VARINT; // bools, int64s and data types
                case 103 -> DIMENSION_ORDERS;
                case 104 -> LIST_DIMENSION_ORDERS;
                default -> null;
            };
        }

        void check(UffWireReader r, int tag) throws IOException {
            CodedInputStream in = r.in;
            boolean delimited = WireFormat.getTagWireType(tag) == LENGTH_DELIMITED;
            int field = WireFormat.getTagFieldNumber(tag);
            switch (this) {
                case DESCRIPTOR, LIST_STRING -> { // Descriptor: string id = 1, then varints
                    if (field == 1 && delimited) {
                        in.readStringRequireUtf8();
                        return;
                    }
                }
                case LIST_DOUBLE -> {
                    if (field == 1 && delimited) { // packed doubles
                        int length = in.readRawVarint32();
                        if (length % 8 != 0) {
                            throw new InvalidProtocolBufferException("a packed list of doubles of " + length + " bytes");
                        }
                        in.skipRawBytes(length);
                        return;
                    }
                }
                case LIST_VARINT -> {
                    if (field == 1 && delimited) { // packed varints
                        int limit = in.pushLimit(in.readRawVarint32());
                        while (in.getBytesUntilLimit() > 0) {
                            in.readRawVarint64();
                        }
                        in.popLimit(limit);
                        return;
                    }
                }
                case DIMENSION_ORDERS -> {
                    if (field == 1 && delimited) {
                        r.nested(ORDERS_ENTRY);
                        return;
                    }
                }
                case ORDERS_ENTRY -> {
                    if (field == 2 && delimited) {
                        r.nested(LIST_VARINT);
                        return;
                    }
                }
                case LIST_DIMENSION_ORDERS -> {
                    if (field == 1 && delimited) {
                        r.nested(DIMENSION_ORDERS);
                        return;
                    }
                }
            }
            r.skip(tag); // scalars, unknown fields, wrong wire types
        }
    }
}
