package dev.trtpipe.uff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trtpipe.uff.proto.Uff.Graph;
import dev.trtpipe.uff.proto.Uff.MetaGraph;
import dev.trtpipe.uff.proto.Uff.Node;
import org.junit.jupiter.api.Test;

/** The structural checks and the execution order of {@link UffGraph}, on graphs written node by node. */
class UffGraphCheckTest {

    private static Node node(String id, String op, String... inputs) {
        return Node.newBuilder().setId(id).setOperation(op).addAllInputs(java.util.List.of(inputs)).build();
    }

    private static UffGraph graph(Node... nodes) throws UffFormatException {
        return UffGraph.of(MetaGraph.newBuilder().addGraphs(Graph.newBuilder().setId("main")
                .addAllNodes(java.util.List.of(nodes))).build(), "test.uff");
    }

    @Test
    void ordersEachNodeAfterItsInputsStartingFromTheFileOrder() throws Exception {
        // as exporters write them: outputs first; "b:1" reads output 1 of b
        UffGraph g = graph(node("MarkOutput_0", "MarkOutput", "c"), node("c", "Binary", "a", "b:1"),
                node("b", "Unary", "a"), node("a", "Input"), node("lonely", "Input"));
        assertThat(g.nodes()).extracting(UffNode::id).containsExactly("a", "b", "c", "MarkOutput_0", "lonely");
    }

    @Test
    void keepsAColonNotFollowedByDigitsInTheName() throws Exception {
        UffGraph g = graph(node("out", "Unary", "scope:x"), node("scope:x", "Input"));
        assertThat(g.nodes()).extracting(UffNode::id).containsExactly("scope:x", "out");
    }

    @Test
    void rejectsACycleNamingANodeOnIt() {
        assertThatThrownBy(() -> graph(node("a", "Unary", "b"), node("b", "Unary", "a")))
                .isInstanceOf(UffFormatException.class).hasMessageContaining("test.uff").hasMessageContaining("(a cycle)");
    }

    @Test
    void rejectsAMissingProducerAndADuplicateId() {
        assertThatThrownBy(() -> graph(node("a", "Unary", "nowhere:0")))
                .isInstanceOf(UffFormatException.class).hasMessageContaining("UFF node 'a' (Unary) reads 'nowhere:0', which no node produces");
        assertThatThrownBy(() -> graph(node("a", "Input"), node("a", "Input")))
                .isInstanceOf(UffFormatException.class).hasMessageContaining("UFF node id 'a' appears twice");
    }
}
