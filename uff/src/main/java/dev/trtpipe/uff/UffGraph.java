package dev.trtpipe.uff;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import dev.trtpipe.uff.proto.Uff.Data;
import dev.trtpipe.uff.proto.Uff.MetaGraph;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A UFF {@code MetaGraph}, checked and ready to translate: node ids unique, every input produced by a
 * node, every reference present, and the nodes in execution order (the file lists them from the outputs
 * backwards, docs/etlt.md §12). Constants are read through {@link #constant(String)}. The serialized graph
 * is read by {@link UffWireReader}; weight blobs stay slices of the payload's bytes.
 */
public final class UffGraph {

    public static final String INPUT = "Input";
    public static final String CONST = "Const";
    public static final String MARK_OUTPUT = "MarkOutput";

    private final String origin;
    private final byte[] serialized;
    private MetaGraph meta;
    private final Map<String, Data> referenced;
    private final List<UffNode> nodes;
    private final Map<String, UffNode> byId;

    private UffGraph(String origin, byte[] serialized, MetaGraph meta, Map<String, Data> referenced, List<UffNode> nodes,
                     Map<String, UffNode> byId) {
        this.origin = origin;
        this.serialized = serialized;
        this.meta = meta;
        this.referenced = referenced;
        this.nodes = nodes;
        this.byId = byId;
    }

    /** Parses a serialized UFF graph; weight blobs alias {@code bytes} (they must not change afterwards). */
    public static UffGraph read(byte[] bytes, String origin) throws UffFormatException {
        return read(bytes, null, origin);
    }

    public static UffGraph read(InputStream in, String origin) throws IOException {
        return read(in.readAllBytes(), origin);
    }

    /** A graph already in memory (tests build them with {@link UffGraphBuilder}): read as its serialized form is. */
    public static UffGraph of(MetaGraph meta, String origin) throws UffFormatException {
        return read(meta.toByteArray(), meta, origin);
    }

    private static UffGraph read(byte[] bytes, MetaGraph meta, String origin) throws UffFormatException {
        UffWireReader.Parsed parsed;
        try {
            parsed = UffWireReader.read(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new UffFormatException(origin + ": the UFF graph does not parse (" + e.getMessage()
                    + "); the file is truncated, corrupt or not UFF", e);
        }
        return check(parsed, bytes, meta, origin);
    }

    private static UffGraph check(UffWireReader.Parsed parsed, byte[] bytes, MetaGraph meta, String origin) throws UffFormatException {
        List<UffWireReader.WireNode> wire = parsed.nodes();
        if (wire.isEmpty()) {
            throw new UffFormatException(origin + ": the UFF payload has no graph nodes; the file is corrupt or not a model");
        }
        List<UffNode> ordered = new ArrayList<>(wire.size());
        Map<String, UffNode> byId = new HashMap<>(2 * wire.size());
        UffGraph graph = new UffGraph(origin, bytes, meta, parsed.referenced(), Collections.unmodifiableList(ordered),
                Collections.unmodifiableMap(byId));
        UffNode[] inFileOrder = new UffNode[wire.size()];
        for (int i = 0; i < wire.size(); i++) {
            UffWireReader.WireNode n = wire.get(i);
            if (n.id.isEmpty()) {
                throw new UffFormatException(origin + ": a UFF node (" + n.operation + ") has no id; the graph is corrupt");
            }
            inFileOrder[i] = new UffNode(n, i, graph);
            if (byId.putIfAbsent(n.id, inFileOrder[i]) != null) {
                throw new UffFormatException(origin + ": UFF node id '" + n.id + "' appears twice; the graph is corrupt");
            }
        }
        Map<String, Data> referenced = parsed.referenced();
        int[][] producers = new int[wire.size()][]; // per node, the index of the node behind each input
        for (int i = 0; i < wire.size(); i++) {
            UffWireReader.WireNode n = wire.get(i);
            producers[i] = new int[n.inputs.size()];
            for (int k = 0; k < producers[i].length; k++) {
                String in = n.inputs.get(k);
                UffNode producer = byId.get(producer(in));
                if (producer == null) {
                    throw new UffFormatException(origin + ": UFF node '" + n.id + "' (" + n.operation + ") reads '" + in
                            + "', which no node produces; the graph is incomplete");
                }
                producers[i][k] = producer.index;
            }
            for (int f = 0; f < n.keys.size(); f++) {
                Data value = n.values.get(f);
                String ref = value.hasRef() ? value.getRef() : null;
                if (ref != null && !referenced.containsKey(ref)) {
                    throw new UffFormatException(origin + ": UFF node '" + n.id + "' field '" + n.keys.get(f) + "' refers to '"
                            + ref + "', which is not in the referenced data; the graph is corrupt");
                }
            }
        }
        for (int i : topologicalOrder(wire, producers, origin)) {
            ordered.add(inFileOrder[i]);
        }
        return graph;
    }

    /** {@code name:1} is output 1 of node {@code name}. */
    static String producer(String tensor) {
        int colon = tensor.lastIndexOf(':');
        if (colon <= 0 || colon == tensor.length() - 1) {
            return tensor;
        }
        for (int i = colon + 1; i < tensor.length(); i++) {
            if (!Character.isDigit(tensor.charAt(i))) {
                return tensor;
            }
        }
        return tensor.substring(0, colon);
    }

    /**
     * Depth-first post-order without recursion (graphs can be thousands of nodes deep), roots in file order and
     * inputs in their order; nodes are indices into {@code wire}.
     */
    private static int[] topologicalOrder(List<UffWireReader.WireNode> wire, int[][] producers, String origin)
            throws UffFormatException {
        int count = wire.size();
        int[] order = new int[count];
        int done = 0;
        byte[] state = new byte[count]; // 0 = not seen, 1 = on the stack, 2 = done
        int[] stackNode = new int[count]; // a node is on the stack at most once
        int[] stackNext = new int[count]; // the next of its inputs to visit
        for (int root = 0; root < count; root++) {
            if (state[root] != 0) {
                continue;
            }
            int top = 0;
            stackNode[0] = root;
            stackNext[0] = 0;
            state[root] = 1;
            while (top >= 0) {
                int n = stackNode[top];
                int next = stackNext[top];
                if (next < producers[n].length) {
                    stackNext[top] = next + 1;
                    int in = producers[n][next];
                    if (state[in] == 0) {
                        state[in] = 1;
                        top++;
                        stackNode[top] = in;
                        stackNext[top] = 0;
                    } else if (state[in] == 1) {
                        throw new UffFormatException(origin + ": UFF node '" + wire.get(in).id
                                + "' depends on itself (a cycle); the graph is corrupt");
                    }
                } else {
                    top--;
                    state[n] = 2;
                    order[done++] = n;
                }
            }
        }
        return order;
    }

    public String origin() {
        return origin;
    }

    /** Every node, each after the nodes it reads. */
    public List<UffNode> nodes() {
        return nodes;
    }

    public Optional<UffNode> node(String id) {
        return Optional.ofNullable(byId.get(producer(id)));
    }

    public List<UffNode> inputs() {
        return nodes.stream().filter(n -> n.operation().equals(INPUT)).toList();
    }

    /** The tensors marked as outputs, in MarkOutput order ({@code MarkOutput_0} first). */
    public List<String> outputNames() {
        return nodes.stream().filter(n -> n.operation().equals(MARK_OUTPUT)).sorted((a, b) -> a.id().compareTo(b.id()))
                .map(n -> n.input(0)).toList();
    }

    /** Operation → node count, most frequent first. */
    public Map<String, Integer> opCounts() {
        Map<String, Integer> counts = new HashMap<>();
        nodes.forEach(n -> counts.merge(n.operation(), 1, Integer::sum));
        Map<String, Integer> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** The whole {@code MetaGraph} as protobuf-java reads it (inspection: all graphs, descriptors), parsed on first use. */
    public synchronized MetaGraph proto() {
        if (meta == null) {
            try {
                CodedInputStream coded = UnsafeByteOperations.unsafeWrap(serialized).newCodedInput(); // see UffWireReader
                coded.enableAliasing(true);
                coded.setSizeLimit(Integer.MAX_VALUE);
                meta = MetaGraph.parseFrom(coded);
            } catch (IOException e) {
                // the wire reader checked these bytes with the same rules: reaching this is a bug, not bad input
                throw new IllegalStateException(origin + ": a UFF graph that passed the wire checks does not parse: " + e.getMessage(), e);
            }
        }
        return meta;
    }

    /** The values of a {@code Const} node, or empty when {@code tensor} is produced by another op. */
    public Optional<UffConstant> constant(String tensor) {
        return Optional.ofNullable(constantOrNull(tensor));
    }

    /** As {@link #constant}, without the Optional: translators ask this several times for every tensor they read. */
    UffConstant constantOrNull(String tensor) {
        UffNode node = byId.get(producer(tensor));
        return node == null || !node.operation().equals(CONST) ? null : node.constant();
    }

    /** A field's value, following a {@code ref} into the referenced data (checked present when the graph was read). */
    Data resolve(Data data, UffNode node, String field) {
        if (!data.hasRef()) {
            return data;
        }
        Data target = referenced.get(data.getRef());
        if (target == null) {
            throw node.problem("field '" + field + "' refers to missing data '" + data.getRef() + "'");
        }
        return target;
    }
}
