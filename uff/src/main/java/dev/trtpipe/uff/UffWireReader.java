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
 * fails here, as one message naming the file, and a slice handed out later always parses. Each field is
 * read with the call protobuf-java's generated code uses for its type (they differ in what they accept:
 * {@code readInt64} takes varints that {@code skipField} rejects), unknown fields as its unknown-field set
 * reads them, map entries as its map parser does, with its nesting limit. As in protobuf-java, a known
 * field number with an unexpected wire type is an unknown field, a repeated map key keeps its last value,
 * and of a {@code Data}'s oneof the last member wins. UffWireReaderTest holds this against protobuf-java.
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
        /**
         * Field keys and values side by side: a node has a handful of fields, and comparing a few short
         * keys costs less than hashing every key of every node into a map.
         */
        final List<String> keys = new ArrayList<>(6);
        final List<WireData> values = new ArrayList<>(6);

        /** The value of field {@code key}, or null. */
        WireData field(String key) {
            int i = keys.indexOf(key);
            return i < 0 ? null : values.get(i);
        }

        /** As a protobuf map: a repeated key keeps its last value. */
        void put(String key, WireData value) {
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
    private static final int FIXED64 = WireFormat.WIRETYPE_FIXED64;
    private static final int LENGTH_DELIMITED = WireFormat.WIRETYPE_LENGTH_DELIMITED;
    /** protobuf-java's default nesting limit (CodedInputStream.setRecursionLimit). */
    private static final int RECURSION_LIMIT = 100;

    private final byte[] bytes;
    private final CodedInputStream in;
    private int depth;

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
                case 1 << 3 | VARINT, 2 << 3 | VARINT -> in.readInt64(); // version, descriptor_core_version
                case 3 << 3 | LENGTH_DELIMITED -> message(Schema.DESCRIPTOR);
                case 4 << 3 | LENGTH_DELIMITED -> {
                    int limit = enter();
                    String[] id = {""};
                    List<WireNode> nodes = graph(id);
                    leave(limit);
                    if (first == null) {
                        first = nodes;
                    }
                    if (main == null && id[0].equals("main")) {
                        main = nodes;
                    }
                }
                case 5 << 3 | LENGTH_DELIMITED -> {
                    Map.Entry<String, WireData> data = dataMapEntry();
                    referenced.put(data.getKey(), data.getValue());
                }
                case 100 << 3 | LENGTH_DELIMITED -> dataMapEntry(); // extra_fields: checked, not kept
                default -> unknown(tag);
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
                    int limit = enter();
                    nodes.add(node());
                    leave(limit);
                }
                case 100 << 3 | LENGTH_DELIMITED -> dataMapEntry();
                default -> unknown(tag);
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
                case 4 << 3 | LENGTH_DELIMITED -> {
                    Map.Entry<String, WireData> field = dataMapEntry();
                    node.put(field.getKey(), field.getValue());
                }
                case 100 << 3 | LENGTH_DELIMITED -> dataMapEntry();
                default -> unknown(tag);
            }
        }
        return node;
    }

    /** A {@code map<string, Data>} entry, read as protobuf-java's map parser reads one (MapEntryLite.parseEntry). */
    private Map.Entry<String, WireData> dataMapEntry() throws IOException {
        int limit = enter();
        String key = "";
        WireData value = null;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case 1 << 3 | LENGTH_DELIMITED -> key = in.readStringRequireUtf8();
                case 2 << 3 | LENGTH_DELIMITED -> {
                    int length = in.readRawVarint32();
                    int offset = in.getTotalBytesRead();
                    int inner = enter(length);
                    String ref = data();
                    leave(inner);
                    WireData next = new WireData(bytes, offset, length, ref);
                    // a value given twice in one entry is the merge of both, as protobuf-java reads it (corrupt files only)
                    value = value == null ? next : WireData.merged(value, next);
                }
                default -> entrySkip(tag);
            }
        }
        leave(limit);
        return Map.entry(key, value != null ? value : WireData.EMPTY);
    }

    /** Checks a {@code Data} message; returns its {@code ref} when that is the oneof's value. */
    private String data() throws IOException {
        String ref = null;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case 100 << 3 | LENGTH_DELIMITED -> {
                    ref = in.readStringRequireUtf8();
                    continue;
                }
                case 1 << 3 | LENGTH_DELIMITED -> in.readStringRequireUtf8(); // s
                case 2 << 3 | LENGTH_DELIMITED -> message(Schema.LIST_STRING);
                case 3 << 3 | FIXED64 -> in.readDouble(); // d
                case 4 << 3 | LENGTH_DELIMITED -> message(Schema.LIST_DOUBLE);
                case 5 << 3 | VARINT -> in.readBool(); // b
                case 6 << 3 | LENGTH_DELIMITED -> message(Schema.LIST_INT64); // bools read as int64s do
                case 7 << 3 | VARINT -> in.readInt64(); // i
                case 8 << 3 | LENGTH_DELIMITED -> message(Schema.LIST_INT64);
                case 9 << 3 | LENGTH_DELIMITED -> in.skipRawBytes(in.readRawVarint32()); // blob, checked as readBytes checks it
                case 101 << 3 | VARINT -> in.readEnum(); // dtype
                case 102 << 3 | LENGTH_DELIMITED -> message(Schema.LIST_ENUM);
                case 103 << 3 | LENGTH_DELIMITED -> message(Schema.DIMENSION_ORDERS);
                case 104 << 3 | LENGTH_DELIMITED -> message(Schema.LIST_DIMENSION_ORDERS);
                default -> {
                    unknown(tag);
                    continue; // not a member: the oneof keeps its value
                }
            }
            ref = null; // a later member of the oneof replaces the ref
        }
        return ref;
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
            case FIXED64 -> in.readFixed64();
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

    /** A length-delimited message of {@code schema}, checked and skipped. */
    private void message(Schema schema) throws IOException {
        int limit = enter();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            schema.read(this, tag);
        }
        leave(limit);
    }

    /** The nested messages that are checked without being kept, each field read as its generated parser reads it. */
    private enum Schema {
        DESCRIPTOR, LIST_STRING, LIST_DOUBLE, LIST_INT64, LIST_ENUM, DIMENSION_ORDERS, LIST_DIMENSION_ORDERS;

        void read(UffWireReader r, int tag) throws IOException {
            CodedInputStream in = r.in;
            switch (this) {
                case DESCRIPTOR -> {
                    switch (tag) {
                        case 1 << 3 | LENGTH_DELIMITED -> in.readStringRequireUtf8();
                        case 2 << 3 | VARINT -> in.readInt64();
                        case 3 << 3 | VARINT -> in.readBool();
                        default -> r.unknown(tag);
                    }
                }
                case LIST_STRING -> {
                    if (tag == (1 << 3 | LENGTH_DELIMITED)) {
                        in.readStringRequireUtf8();
                    } else {
                        r.unknown(tag);
                    }
                }
                case LIST_DOUBLE -> {
                    if (tag == (1 << 3 | FIXED64)) {
                        in.readDouble();
                    } else if (tag == (1 << 3 | LENGTH_DELIMITED)) {
                        int limit = in.pushLimit(in.readRawVarint32()); // packed
                        while (in.getBytesUntilLimit() > 0) {
                            in.readDouble();
                        }
                        in.popLimit(limit);
                    } else {
                        r.unknown(tag);
                    }
                }
                case LIST_INT64, LIST_ENUM -> {
                    if (tag == (1 << 3 | VARINT)) {
                        r.varint(this);
                    } else if (tag == (1 << 3 | LENGTH_DELIMITED)) {
                        int limit = in.pushLimit(in.readRawVarint32()); // packed
                        while (in.getBytesUntilLimit() > 0) {
                            r.varint(this);
                        }
                        in.popLimit(limit);
                    } else {
                        r.unknown(tag);
                    }
                }
                case DIMENSION_ORDERS -> {
                    if (tag == (1 << 3 | LENGTH_DELIMITED)) {
                        r.ordersEntry();
                    } else {
                        r.unknown(tag);
                    }
                }
                case LIST_DIMENSION_ORDERS -> {
                    if (tag == (1 << 3 | LENGTH_DELIMITED)) {
                        r.message(DIMENSION_ORDERS);
                    } else {
                        r.unknown(tag);
                    }
                }
            }
        }
    }

    /** One element of a repeated int64/bool (readInt64, readBool: the same varint read) or enum (readEnum) field. */
    private void varint(Schema list) throws IOException {
        if (list == Schema.LIST_ENUM) {
            in.readEnum();
        } else {
            in.readInt64();
        }
    }

    /** A {@code map<int32, ListInt64>} entry of DimensionOrders, read as the map parser reads one. */
    private void ordersEntry() throws IOException {
        int limit = enter();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case 1 << 3 | VARINT -> in.readInt32();
                case 2 << 3 | LENGTH_DELIMITED -> message(Schema.LIST_INT64);
                default -> entrySkip(tag);
            }
        }
        leave(limit);
    }
}
