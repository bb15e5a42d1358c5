package dev.trtpipe.trt;

import java.util.List;
import java.util.stream.Collectors;

/** TensorRT's ONNX parser rejected the model; {@link #errors()} lists each complaint with its node. */
public final class OnnxParseException extends IllegalArgumentException {

    /**
     * One parser complaint.
     *
     * @param nodeIndex index of the node in the graph (-1: not tied to a node)
     * @param nodeName  the node's name (may be empty in exporters that do not name nodes)
     * @param operator  its op type, e.g. {@code Conv}
     */
    public record ParserError(int nodeIndex, String nodeName, String operator, String description) {
        @Override
        public String toString() {
            return (nodeIndex < 0 ? "" : "node " + nodeIndex + (nodeName.isEmpty() ? "" : " '" + nodeName + "'")
                    + (operator.isEmpty() ? "" : " (" + operator + ")") + ": ") + description;
        }
    }

    private final transient List<ParserError> errors;
    private final String problem;

    public OnnxParseException(String source, List<ParserError> errors) {
        super(problem(source, errors) + "; fix or replace these nodes, or load a plugin library that implements them");
        this.problem = problem(source, errors);
        this.errors = List.copyOf(errors);
    }

    private static String problem(String source, List<ParserError> errors) {
        return source + ": TensorRT's ONNX parser rejected the model: "
                + errors.stream().map(ParserError::toString).collect(Collectors.joining("; "));
    }

    /** The model and each complaint, without the remedy (a command line words the remedy with its flags). */
    public String problem() {
        return problem;
    }

    public List<ParserError> errors() {
        return errors;
    }
}
