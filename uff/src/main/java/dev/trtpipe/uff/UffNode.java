package dev.trtpipe.uff;

import com.google.protobuf.ByteString;
import dev.trtpipe.uff.proto.Uff.Data;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One UFF node with its fields resolved: a field stored as a reference into the graph's referenced data
 * reads like an inline one. Typed accessors name the node and field when a value has the wrong kind.
 */
public final class UffNode {

    private final String id;
    private final String operation;
    private final List<String> inputs;
    private final UffWireReader.WireNode wire;
    private final UffGraph graph;
    /** Position in the file's node list. */
    final int index;
    /** A {@code Const} node's values, checked and kept on first use. */
    private UffConstant constant;

    UffNode(UffWireReader.WireNode node, int index, UffGraph graph) {
        this.id = node.id;
        this.operation = node.operation;
        this.inputs = Collections.unmodifiableList(node.inputs);
        this.wire = node;
        this.index = index;
        this.graph = graph;
    }

    /** The tensor this node produces (also its name). */
    public String id() {
        return id;
    }

    public String operation() {
        return operation;
    }

    public List<String> inputs() {
        return inputs;
    }

    public String input(int i) {
        if (i >= inputs.size()) {
            throw problem("needs at least " + (i + 1) + " inputs but has " + inputs.size());
        }
        return inputs.get(i);
    }

    /** The values of this {@code Const} node (the graph checks the op). */
    UffConstant constant() {
        if (constant == null) {
            constant = UffConstant.of(this);
        }
        return constant;
    }

    /** The fields as stored, a {@code ref} not followed. */
    public Map<String, Data> rawFields() {
        Map<String, Data> raw = new HashMap<>(2 * wire.keys.size());
        for (int i = 0; i < wire.keys.size(); i++) {
            raw.put(wire.keys.get(i), wire.values.get(i));
        }
        return Collections.unmodifiableMap(raw);
    }

    public boolean has(String field) {
        return wire.field(field) != null;
    }

    /** The field's value, following a {@code ref} into the referenced data. */
    public Optional<Data> field(String name) {
        Data d = wire.field(name);
        return d == null ? Optional.empty() : Optional.of(graph.resolve(d, this, name));
    }

    public String string(String name, String fallback) {
        return field(name).map(d -> {
            if (d.getDataOneofCase() != Data.DataOneofCase.S) {
                throw problem("field '" + name + "' is " + d.getDataOneofCase() + ", expected a string");
            }
            return d.getS();
        }).orElse(fallback);
    }

    /** An int64 list field; a scalar int field reads as a one-element list. */
    public Optional<long[]> longs(String name) {
        return field(name).map(d -> switch (d.getDataOneofCase()) {
            case I_LIST -> toArray(d.getIList());
            case I -> new long[] {d.getI()};
            default -> throw problem("field '" + name + "' is " + d.getDataOneofCase() + ", expected integers");
        });
    }

    public long longValue(String name, long fallback) {
        return longs(name).map(v -> {
            if (v.length != 1) {
                throw problem("field '" + name + "' has " + v.length + " values, expected one");
            }
            return v[0];
        }).orElse(fallback);
    }

    /** A number field (double, int or bool), or {@code fallback} when absent. */
    public double doubleValue(String name, double fallback) {
        return field(name).map(d -> switch (d.getDataOneofCase()) {
            case D -> d.getD();
            case I -> (double) d.getI();
            case B -> d.getB() ? 1.0 : 0.0;
            case D_LIST -> single(name, d.getDList().getValCount()) ? d.getDList().getVal(0) : 0.0;
            default -> throw problem("field '" + name + "' is " + d.getDataOneofCase() + ", expected a number");
        }).orElse(fallback);
    }

    public boolean bool(String name, boolean fallback) {
        return field(name).map(d -> switch (d.getDataOneofCase()) {
            case B -> d.getB();
            case I -> d.getI() != 0;
            default -> throw problem("field '" + name + "' is " + d.getDataOneofCase() + ", expected a boolean");
        }).orElse(fallback);
    }

    /** A raw blob field (weights), without copying. */
    public Optional<ByteString> blob(String name) {
        return field(name).map(d -> {
            if (d.getDataOneofCase() != Data.DataOneofCase.BLOB) {
                throw problem("field '" + name + "' is " + d.getDataOneofCase() + ", expected a blob");
            }
            return d.getBlob();
        });
    }

    /** A message for bad input naming the model, the node and its op. */
    public UffFormatRuntimeException problem(String what) {
        return new UffFormatRuntimeException(graph.origin() + ": UFF node '" + id() + "' (" + operation() + ") " + what);
    }

    private static long[] toArray(dev.trtpipe.uff.proto.Uff.ListInt64 list) {
        long[] values = new long[list.getValCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = list.getVal(i);
        }
        return values;
    }

    private boolean single(String name, int count) {
        if (count != 1) {
            throw problem("field '" + name + "' has " + count + " values, expected one");
        }
        return true;
    }

    @Override
    public String toString() {
        return id() + " (" + operation() + ")";
    }
}
