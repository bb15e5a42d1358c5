package dev.trtpipe.uff;

import com.google.protobuf.CodedInputStream;
import dev.trtpipe.uff.proto.Uff.Data;
import dev.trtpipe.uff.proto.Uff.Graph;
import dev.trtpipe.uff.proto.Uff.MetaGraph;
import dev.trtpipe.uff.proto.Uff.Node;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A UFF {@code MetaGraph}, checked and ready to translate: node ids unique, every input produced by a
 * node, every reference present, and the nodes in execution order (the file lists them from the outputs
 * backwards, docs/etlt.md §12). Constants are read through {@link #constant(String)}.
 */
public final class UffGraph {

    public static final String INPUT = "Input";
    public static final String CONST = "Const";
    public static final String MARK_OUTPUT = "MarkOutput";

    private final String origin;
    private final MetaGraph meta;
    private final List<UffNode> nodes;
    private final Map<String, UffNode> byId;
    private final Map<String, UffConstant> constants = new HashMap<>();

    private UffGraph(String origin, MetaGraph meta, List<UffNode> nodes, Map<String, UffNode> byId) {
        this.origin = origin;
        this.meta = meta;
        this.nodes = nodes;
        this.byId = byId;
    }

    /** Parses a serialized UFF graph; weight blobs alias {@code bytes} (they must not change afterwards). */
    public static UffGraph read(byte[] bytes, String origin) throws UffFormatException {
        CodedInputStream coded = CodedInputStream.newInstance(bytes);
        coded.enableAliasing(true);
        return parse(coded, origin);
    }

    public static UffGraph read(InputStream in, String origin) throws IOException {
        return read(in.readAllBytes(), origin);
    }

    /** A graph already in memory (tests build them with {@link UffGraphBuilder}). */
    public static UffGraph of(MetaGraph meta, String origin) throws UffFormatException {
        return check(meta, origin);
    }

    private static UffGraph parse(CodedInputStream coded, String origin) throws UffFormatException {
        coded.setSizeLimit(Integer.MAX_VALUE);
        MetaGraph meta;
        try {
            meta = MetaGraph.parseFrom(coded);
        } catch (IOException e) { // InvalidProtocolBufferException for malformed wire data
            throw new UffFormatException(origin + ": the UFF graph does not parse (" + e.getMessage()
                    + "); the file is truncated, corrupt or not UFF", e);
        }
        return check(meta, origin);
    }

    private static UffGraph check(MetaGraph meta, String origin) throws UffFormatException {
        Graph main = meta.getGraphsList().stream().filter(g -> g.getId().equals("main")).findFirst()
                .orElse(meta.getGraphsCount() > 0 ? meta.getGraphs(0) : null);
        if (main == null || main.getNodesCount() == 0) {
            throw new UffFormatException(origin + ": the UFF payload has no graph nodes; the file is corrupt or not a model");
        }
        Map<String, Node> protoById = new LinkedHashMap<>();
        for (Node n : main.getNodesList()) {
            if (n.getId().isEmpty()) {
                throw new UffFormatException(origin + ": a UFF node (" + n.getOperation() + ") has no id; the graph is corrupt");
            }
            if (protoById.put(n.getId(), n) != null) {
                throw new UffFormatException(origin + ": UFF node id '" + n.getId() + "' appears twice; the graph is corrupt");
            }
        }
        for (Node n : main.getNodesList()) {
            for (String in : n.getInputsList()) {
                if (!protoById.containsKey(producer(in))) {
                    throw new UffFormatException(origin + ": UFF node '" + n.getId() + "' (" + n.getOperation() + ") reads '" + in
                            + "', which no node produces; the graph is incomplete");
                }
            }
            for (Map.Entry<String, Data> f : n.getFieldsMap().entrySet()) {
                if (f.getValue().hasRef() && !meta.containsReferencedData(f.getValue().getRef())) {
                    throw new UffFormatException(origin + ": UFF node '" + n.getId() + "' field '" + f.getKey() + "' refers to '"
                            + f.getValue().getRef() + "', which is not in the referenced data; the graph is corrupt");
                }
            }
        }
        List<UffNode> ordered = new ArrayList<>(protoById.size());
        Map<String, UffNode> byId = new HashMap<>();
        UffGraph graph = new UffGraph(origin, meta, Collections.unmodifiableList(ordered), Collections.unmodifiableMap(byId));
        for (Node n : topologicalOrder(protoById, origin)) {
            UffNode node = new UffNode(n, graph);
            ordered.add(node);
            byId.put(n.getId(), node);
        }
        return graph;
    }

    /** {@code name:1} is output 1 of node {@code name}. */
    static String producer(String tensor) {
        int colon = tensor.lastIndexOf(':');
        if (colon > 0 && colon < tensor.length() - 1 && tensor.substring(colon + 1).chars().allMatch(Character::isDigit)) {
            return tensor.substring(0, colon);
        }
        return tensor;
    }

    /** Depth-first post-order without recursion (graphs can be thousands of nodes deep). */
    private static List<Node> topologicalOrder(Map<String, Node> byId, String origin) throws UffFormatException {
        List<Node> order = new ArrayList<>(byId.size());
        Map<String, Integer> state = new HashMap<>(); // 1 = on the stack, 2 = done
        for (String root : byId.keySet()) {
            if (state.containsKey(root)) {
                continue;
            }
            Deque<String[]> stack = new ArrayDeque<>();
            stack.push(new String[] {root, "0"});
            state.put(root, 1);
            while (!stack.isEmpty()) {
                String[] top = stack.peek();
                Node n = byId.get(top[0]);
                int next = Integer.parseInt(top[1]);
                if (next < n.getInputsCount()) {
                    top[1] = String.valueOf(next + 1);
                    String in = producer(n.getInputs(next));
                    Integer s = state.get(in);
                    if (s == null) {
                        state.put(in, 1);
                        stack.push(new String[] {in, "0"});
                    } else if (s == 1) {
                        throw new UffFormatException(origin + ": UFF node '" + in + "' depends on itself (a cycle); the graph is corrupt");
                    }
                } else {
                    stack.pop();
                    state.put(top[0], 2);
                    order.add(n);
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

    public MetaGraph proto() {
        return meta;
    }

    /** The values of a {@code Const} node, or empty when {@code tensor} is produced by another op. */
    public Optional<UffConstant> constant(String tensor) {
        UffNode node = byId.get(producer(tensor));
        if (node == null || !node.operation().equals(CONST)) {
            return Optional.empty();
        }
        return Optional.of(constants.computeIfAbsent(node.id(), id -> UffConstant.of(node)));
    }

    Data resolve(Data data, UffNode node, String field) {
        if (!data.hasRef()) {
            return data;
        }
        Data target = meta.getReferencedDataMap().get(data.getRef());
        if (target == null) {
            throw node.problem("field '" + field + "' refers to missing data '" + data.getRef() + "'");
        }
        return target;
    }
}
